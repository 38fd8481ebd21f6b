package dev.intake.examples.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.unit.DataSize;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The framework's own refusals in the APIs' envelopes: no handler ({@code 404}), a method the path
 * does not take ({@code 405}, with {@code Allow}), a content type it does not read ({@code 415}) or
 * cannot answer in ({@code 406}), an upload over the size limit (the import runs API's {@code 400}
 * 3004; {@code 413} elsewhere), a multipart body that cannot be parsed ({@code 400}, saying why), and
 * the servlet container's error page for whatever fails outside Spring MVC. The import runs API's
 * answers get its numeric codes; the Import API's its string codes.
 */
@RestControllerAdvice
@RestController
@Order(Ordered.LOWEST_PRECEDENCE)
public class WebErrors implements ErrorController {
    private final Envelopes envelopes;
    private final long maxUpload;

    /**
     * The errors of a host.
     *
     * @param envelopes the error bodies
     * @param maxUpload the largest upload accepted
     */
    public WebErrors(Envelopes envelopes, DataSize maxUpload) {
        this.envelopes = envelopes;
        this.maxUpload = maxUpload.toBytes();
    }

    /**
     * No handler for the path.
     *
     * @param request the request
     * @param response the answer
     * @throws IOException if it cannot be written
     */
    @ExceptionHandler({NoHandlerFoundException.class, NoResourceFoundException.class})
    public void notFound(HttpServletRequest request, HttpServletResponse response) throws IOException {
        envelopes.write(request, response, 404, 1010, "NOT_FOUND", "Nothing is at " + shown(request) + " on this API");
    }

    /**
     * A method the path does not take.
     *
     * @param e the refusal, with the methods the path takes
     * @param request the request
     * @param response the answer
     * @throws IOException if it cannot be written
     */
    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public void methodNotAllowed(HttpRequestMethodNotSupportedException e, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        String allowed = e.getSupportedHttpMethods() == null ? "" : String.join(", ",
                e.getSupportedHttpMethods().stream().map(Object::toString).toList());
        if (!allowed.isEmpty()) {
            response.setHeader(HttpHeaders.ALLOW, allowed);
        }
        envelopes.write(request, response, 405, 3001, "METHOD_NOT_ALLOWED", shown(e.getMethod()) + " is not allowed on "
                + shown(request) + (allowed.isEmpty() ? "" : "; use " + allowed));
    }

    /**
     * A body of a content type the handler does not read.
     *
     * @param e the refusal
     * @param request the request
     * @param response the answer
     * @throws IOException if it cannot be written
     */
    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public void unsupportedType(HttpMediaTypeNotSupportedException e, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        envelopes.write(request, response, 415, 3001, "UNSUPPORTED_MEDIA_TYPE", "A body of type "
                + (e.getContentType() == null ? "(none)" : shown(e.getContentType().toString()))
                + " is not accepted here; send " + String.join(" or ", e.getSupportedMediaTypes().stream()
                        .map(Object::toString).toList()));
    }

    /**
     * An {@code Accept} the handler cannot answer in.
     *
     * @param request the request
     * @param response the answer
     * @throws IOException if it cannot be written
     */
    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    public void notAcceptable(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType(null);
        envelopes.write(request, response, 406, 3001, "NOT_ACCEPTABLE", "This API answers in JSON or files;"
                + " the Accept header allows neither");
    }

    /**
     * An upload over the size limit, refused while the request is parsed: the import runs API's 3004
     * with the limit, as a 400 (the seed's); 413 elsewhere.
     *
     * @param e the failure
     * @param request the request
     * @param response the answer
     * @throws IOException if it cannot be written
     */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    public void tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (Multiparts.notAboutSize(e)) {
            // the container words a part count or a part's headers over their limit as a size
            badMultipart(e, request, response);
            return;
        }
        int status = Envelopes.isArena(request) ? 400 : 413;
        envelopes.write(request, response, status, 3004, "PAYLOAD_TOO_LARGE",
                "The file is over the size limit of " + maxUpload + " bytes");
    }

    /**
     * A multipart body that cannot be parsed: no boundary, too many parts, a part's headers too long,
     * cut short.
     *
     * @param e the failure
     * @param request the request
     * @param response the answer
     * @throws IOException if it cannot be written
     */
    @ExceptionHandler(MultipartException.class)
    public void badMultipart(MultipartException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        envelopes.write(request, response, 400, 3001, "BAD_REQUEST", "The multipart body cannot be read: "
                + Multiparts.reason(e));
    }

    /**
     * A request the handler cannot take: a missing or mistyped parameter, an unreadable body.
     *
     * @param request the request
     * @param response the answer
     * @throws IOException if it cannot be written
     */
    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class,
            HttpMessageNotReadableException.class})
    public void badRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
        envelopes.write(request, response, 400, 3001, "BAD_REQUEST", "The request cannot be read as " + shown(request)
                + " takes it");
    }

    /**
     * The servlet container's error page: whatever failed outside Spring MVC, in the envelope of the
     * API the failed request was for, with the status the container chose.
     *
     * @param request the error dispatch
     * @param response the answer
     * @throws IOException if it cannot be written
     */
    @RequestMapping("${server.error.path:/error}")
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value && value >= 400 ? value : 500;
        HttpStatus known = HttpStatus.resolve(status);
        String reason = known == null ? "Error" : known.getReasonPhrase();
        Map<Integer, Integer> arenaCodes = Map.of(401, 1000, 404, 1010, 413, 3004);
        envelopes.write(request, response, status, arenaCodes.getOrDefault(status, status >= 500 ? 1500 : 3001),
                known == null ? "ERROR" : known.name(), status >= 500 ? "The request could not be completed"
                        : "The request was refused: " + reason);
    }

    private static String shown(HttpServletRequest request) {
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return shown(original instanceof String uri ? uri : request.getRequestURI());
    }

    private static String shown(String text) {
        if (text == null) {
            return "";
        }
        String clean = text.codePoints().map(c -> c < 32 || c == 127 ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() <= 100 ? clean : clean.substring(0, 100) + "...";
    }
}
