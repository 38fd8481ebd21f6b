package dev.intake.core.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.ImportDefinition;
import jakarta.validation.Validator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package structure of core, as the JDK's jdeps reads it from the compiled classes: the helpers
 * in {@code internal} depend on nothing of Intake's, the report model on nothing of core's, nothing
 * depends on the pipeline (the entry point that drives everything else), and the only packages that
 * depend on each other are the definitions and their constraints.
 */
class LayeringTest {
    private static final String CORE = "dev.intake.core";
    private static Map<String, Set<String>> uses;

    @BeforeAll
    static void readDependencies() throws URISyntaxException {
        Path classes = Path.of(ImportDefinition.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path validation = Path.of(Validator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("no jdeps in this JDK"));
        StringWriter out = new StringWriter();
        int exit = jdeps.run(new PrintWriter(out), new PrintWriter(out), "--module-path", validation.toString(),
                "-verbose:package", classes.toString());
        assertThat(exit).as(out.toString()).isZero();
        uses = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length >= 3 && parts[1].equals("->") && parts[0].startsWith(CORE)) {
                uses.computeIfAbsent(parts[0], p -> new TreeSet<>());
                if (parts[2].startsWith(CORE) && !parts[2].equals(parts[0])) {
                    uses.get(parts[0]).add(parts[2]);
                }
            }
        }
        assertThat(uses).as("packages read by jdeps").containsKeys(CORE, CORE + ".pipeline", CORE + ".internal");
    }

    @Test
    void internalHelpersDependOnNothingOfIntakes() {
        assertThat(uses.get(CORE + ".internal")).isEmpty();
    }

    @Test
    void theReportModelDependsOnNothingOfCores() {
        assertThat(uses.get(CORE + ".result")).isEmpty();
    }

    @Test
    void nothingDependsOnThePipeline() {
        uses.forEach((from, to) -> assertThat(to).as(from).doesNotContain(CORE + ".pipeline"));
    }

    @Test
    void onlyDefinitionsAndTheirConstraintsDependOnEachOther() {
        assertThat(cycles()).containsExactly(Set.of(CORE, CORE + ".rule"));
    }

    /** The strongly connected components of more than one package (Tarjan). */
    private static List<Set<String>> cycles() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        List<Set<String>> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            if (!index.containsKey(start)) {
                connect(start, index, low, stack, cycles);
            }
        }
        return cycles;
    }

    private static void connect(String node, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
            List<Set<String>> cycles) {
        index.put(node, index.size());
        low.put(node, index.get(node));
        stack.push(node);
        for (String next : uses.getOrDefault(node, Set.of())) {
            if (!index.containsKey(next)) {
                connect(next, index, low, stack, cycles);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (stack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                component.add(member);
            } while (!member.equals(node));
            if (component.size() > 1) {
                cycles.add(component);
            }
        }
    }
}
