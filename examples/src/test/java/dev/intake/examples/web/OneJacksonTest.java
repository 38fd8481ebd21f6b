package dev.intake.examples.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.json.PackageVersion;
import org.junit.jupiter.api.Test;

/** The examples run one Jackson: MVC on the Jackson 2 that import-json uses, its modules on one version. */
class OneJacksonTest {
    @Test
    void jackson3IsNotOnTheClasspathAndJackson2sPartsAgree() {
        assertThatThrownBy(() -> Class.forName("tools.jackson.databind.ObjectMapper"))
                .isInstanceOf(ClassNotFoundException.class);
        String core = PackageVersion.VERSION.toString();
        assertThat(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString()).isEqualTo(core);
        assertThat(com.fasterxml.jackson.datatype.jsr310.PackageVersion.VERSION.toString()).isEqualTo(core);
        assertThat(core).startsWith("2.22.");
    }
}
