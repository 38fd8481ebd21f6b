package dev.intake.examples.web;

import java.io.IOException;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * What Tomcat refuses before any filter sees the request (an encoded slash or backslash in the path,
 * a malformed request line) answered in the API's envelope instead of Tomcat's HTML page: the host's
 * error report valve is replaced by {@link Valve one} that writes {@link Envelopes}.
 */
public final class ContainerErrors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
    private final Envelopes envelopes;

    /**
     * The customizer.
     *
     * @param envelopes the error bodies
     */
    public ContainerErrors(Envelopes envelopes) {
        this.envelopes = envelopes;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            Container parent = context.getParent();
            if (parent instanceof StandardHost host) {
                host.setErrorReportValveClass(EnvelopeValve.class.getName());
                host.getPipeline().addValve(new EnvelopeValve(envelopes));
            }
        });
    }

    /** Tomcat's error report, in the envelope of the API the request was for. */
    public static final class EnvelopeValve extends ErrorReportValve {
        private final Envelopes envelopes;

        /**
         * The valve.
         *
         * @param envelopes the error bodies
         */
        public EnvelopeValve(Envelopes envelopes) {
            this.envelopes = envelopes;
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            try {
                response.resetBuffer();
                String message = status >= 500 ? "The request could not be completed"
                        : "The request is malformed or its path is not allowed";
                envelopes.write(request, response, status, status >= 500 ? 1500 : 3001,
                        status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST", message);
            } catch (IOException | IllegalStateException e) {
                // the connection is gone or the answer already begun: nothing more to say
            }
        }
    }
}
