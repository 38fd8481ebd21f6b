package dev.intake.onboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What this host runs on: the Jackson and JUnit Spring Boot manages, not the ones Intake's BOM
 * names; and Intake's BOM names the versions Intake's own build uses.
 */
class VersionsTest {

    @Test
    void jacksonAndJUnitAreTheVersionsSpringBootManages() {
        String jackson = com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString();
        assertThat(jackson).isEqualTo(System.getProperty("boot.jackson")).isNotEqualTo(intakes("jackson.version"));
        assertThat(com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString()).isEqualTo(jackson);
        String junit = org.junit.jupiter.api.Test.class.getPackage().getImplementationVersion();
        assertThat(junit).isEqualTo(System.getProperty("boot.junit")).isNotEqualTo(intakes("junit.version"));
    }

    @Test
    void intakesBomNamesTheJacksonAndJUnitItsBuildUses() {
        for (String property : new String[] {"jackson.version", "junit.version"}) {
            assertThat(property(Path.of("../../import-bom/pom.xml"), property)).as(property)
                    .isEqualTo(intakes(property));
        }
    }

    /** A version property of Intake's parent pom. */
    private static String intakes(String name) {
        return property(Path.of("../../pom.xml"), name);
    }

    private static String property(Path pom, String name) {
        try {
            Matcher matcher = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(Files.readString(pom));
            assertThat(matcher.find()).as(name + " in " + pom).isTrue();
            return matcher.group(1).strip();
        } catch (IOException e) {
            throw new AssertionError("cannot read " + pom.toAbsolutePath(), e);
        }
    }
}
