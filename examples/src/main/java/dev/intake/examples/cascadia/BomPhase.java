package dev.intake.examples.cascadia;

import dev.intake.core.ImportContext;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.result.RelationshipFailure;
import dev.intake.core.result.Relationships;
import dev.intake.core.result.RunMode;
import dev.intake.spi.AfterRows;
import dev.intake.spi.ImportedRecords;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The BOM relationships of a parts request, wired after its rows: each entry resolves its parent and
 * child by item number, first among the items the rows created, then among the design's existing
 * items, and creates one link, or is reported as failed with why. A relationship never fails a row.
 * A dry run resolves and checks the same way and writes nothing.
 */
final class BomPhase implements AfterRows {
    /** Longest reference designator, as {@code cascadia_bom_links.reference_designator} holds it. */
    static final int DESIGNATOR_LENGTH = 2000;
    /** What {@code cascadia_bom_links.quantity} holds: NUMERIC(19, 6). */
    private static final int QUANTITY_INTEGER_DIGITS = 13;
    private static final int QUANTITY_SCALE = 6;

    private final CascadiaStore store;

    BomPhase(CascadiaStore store) {
        this.store = store;
    }

    /** An item an entry names: one that exists (id) or one this dry run would create (number). */
    private record Node(Object identity) {
    }

    @Override
    public Relationships run(ImportedRecords imported, RunMode mode, ImportContext context) throws SQLException {
        CascadiaRequest request = CascadiaDefinitions.request(context);
        if (request.bom().isEmpty()) {
            return Relationships.NONE;
        }
        String scope = CascadiaStore.scope(request.kind(), request.design());
        if (mode == RunMode.COMMIT && request.design().isPresent()) {
            store.lockDesign(request.design().get());
        }
        Map<Node, List<Node>> added = new HashMap<>();
        Map<List<Object>, Integer> given = new HashMap<>();
        List<RelationshipFailure> failures = new ArrayList<>();
        int created = 0;
        for (BomEntry entry : request.bom()) {
            List<Problem> problems = new ArrayList<>();
            if (entry.problem() != null) {
                problems.add(Problem.of(ProblemCode.INVALID_FORMAT, entry.problem()));
            }
            Optional<Node> parent = resolve(entry.parentItemNumber(), "parentItemNumber", "Parent", imported, scope,
                    problems);
            Optional<Node> child = resolve(entry.childItemNumber(), "childItemNumber", "Child", imported, scope,
                    problems);
            BigDecimal quantity = quantity(entry.quantity(), problems);
            Long findNumber = findNumber(entry.findNumber(), problems);
            String designator = entry.referenceDesignator() == null || entry.referenceDesignator().isBlank() ? null
                    : entry.referenceDesignator().strip();
            if (designator != null && designator.length() > DESIGNATOR_LENGTH) {
                problems.add(Problem.at(ProblemCode.TOO_LONG, "referenceDesignator", "Reference designator must be at"
                        + " most " + DESIGNATOR_LENGTH + " characters, not " + designator.length()));
            }
            if (parent.isPresent() && child.isPresent() && problems.isEmpty()) {
                Integer first = given.putIfAbsent(java.util.Arrays.asList(parent.get(), child.get(), quantity, findNumber,
                        designator), entry.index());
                if (first != null) {
                    problems.add(Problem.of(ProblemCode.DUPLICATE_KEY, "The link from " + entry.parentItemNumber()
                            + " to " + entry.childItemNumber() + " is given twice: it is the same as entry " + first));
                } else if (parent.get().identity() instanceof java.util.UUID parentId
                        && child.get().identity() instanceof java.util.UUID childId
                        && store.linkExists(parentId, childId, quantity, findNumber, designator)) {
                    problems.add(Problem.of(ProblemCode.DUPLICATE_KEY, "The link from " + entry.parentItemNumber()
                            + " to " + entry.childItemNumber() + " exists already, with the same quantity, find number"
                            + " and reference designators"));
                } else if (parent.get().equals(child.get())) {
                    problems.add(Problem.at(ProblemCode.NOT_ALLOWED, "childItemNumber",
                            "A part cannot be its own child: " + entry.childItemNumber()));
                } else if (mode == RunMode.COMMIT
                        // the repository refuses a cycle itself, over the links this phase wrote too
                        ? store.link((java.util.UUID) parent.get().identity(), (java.util.UUID) child.get().identity(),
                                quantity, findNumber, designator).isEmpty()
                        : reaches(child.get(), parent.get(), added)) {
                    problems.add(Problem.of(ProblemCode.REFERENCE_CYCLE, "Linking " + entry.parentItemNumber() + " to "
                            + entry.childItemNumber() + " would make a cycle: " + entry.parentItemNumber()
                            + " is already below " + entry.childItemNumber()));
                }
            }
            if (!problems.isEmpty()) {
                failures.add(new RelationshipFailure(entry.index(), problems));
                continue;
            }
            if (mode == RunMode.DRY_RUN) {
                added.computeIfAbsent(parent.get(), key -> new ArrayList<>()).add(child.get());
            }
            created++;
        }
        return new Relationships(created, failures.size(), failures);
    }

    private Optional<Node> resolve(String number, String field, String role, ImportedRecords imported, String scope,
            List<Problem> problems) throws SQLException {
        if (number == null || number.isBlank()) {
            problems.add(Problem.at(ProblemCode.REQUIRED, field, role + " item number is required"));
            return Optional.empty();
        }
        String key = number.strip();
        if (imported.contains(key)) {
            Optional<String> id = imported.id(key);
            return Optional.of(new Node(id.isPresent() ? (Object) java.util.UUID.fromString(id.get()) : key));
        }
        Optional<java.util.UUID> existing = store.itemId(scope, key);
        if (existing.isEmpty()) {
            problems.add(Problem.at(ProblemCode.NOT_FOUND, field, role + " item " + key + " not found in this import"
                    + " or the design"));
            return Optional.empty();
        }
        return Optional.of(new Node(existing.get()));
    }

    /** Whether {@code to} is below {@code from}: links in the database and those this dry run would add. */
    private boolean reaches(Node from, Node to, Map<Node, List<Node>> added) throws SQLException {
        Deque<Node> open = new ArrayDeque<>(List.of(from));
        Set<Node> seen = new HashSet<>(open);
        while (!open.isEmpty()) {
            Node node = open.pop();
            if (node.equals(to)) {
                return true;
            }
            List<Node> next = new ArrayList<>(added.getOrDefault(node, List.of()));
            if (node.identity() instanceof java.util.UUID id) {
                for (java.util.UUID child : store.children(id)) {
                    next.add(new Node(child));
                }
            }
            for (Node child : next) {
                if (seen.add(child)) {
                    open.push(child);
                }
            }
        }
        return false;
    }

    private static BigDecimal quantity(String text, List<Problem> problems) {
        if (text == null || text.isBlank()) {
            return BigDecimal.ONE;
        }
        BigDecimal quantity;
        try {
            quantity = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            problems.add(Problem.at(ProblemCode.INVALID_NUMBER, "quantity", "Quantity must be a number, not "
                    + shown(text)));
            return null;
        }
        if (quantity.signum() < 0) {
            problems.add(Problem.at(ProblemCode.OUT_OF_RANGE, "quantity", "Quantity must be 0 or more, not " + shown(text)));
            return null;
        }
        BigDecimal stripped = quantity.stripTrailingZeros();
        if (stripped.scale() > QUANTITY_SCALE || stripped.precision() - stripped.scale() > QUANTITY_INTEGER_DIGITS) {
            problems.add(Problem.at(ProblemCode.OUT_OF_RANGE, "quantity", "Quantity must have at most "
                    + QUANTITY_INTEGER_DIGITS + " digits before the decimal point and " + QUANTITY_SCALE
                    + " after, not " + shown(text)));
            return null;
        }
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static Long findNumber(String text, List<Problem> problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            problems.add(Problem.at(ProblemCode.INVALID_INTEGER, "findNumber", "Find number must be a whole number, not "
                    + shown(text)));
            return null;
        }
    }

    private static String shown(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "... (" + text.length() + " characters)";
    }
}
