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
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The BOM relationships of a parts request, wired after its rows: each entry resolves its parent and
 * child by item number, first among the items the rows created, then among the design's existing
 * items, and creates one link, or is reported as failed with why. A relationship never fails a row.
 * A dry run resolves and checks the same way and writes nothing.
 *
 * <p>A request's links are resolved and checked together: the items it names in one statement per
 * 500 numbers, every stored link below the entries' children a level at a time (what a cycle check
 * walks) and the stored links between their parents and children in one more statement (what an
 * existing link is), then the duplicates and cycles in memory, in the request's order, and the
 * links written as one batch: a handful of statements a request, not three or four a link. A commit
 * holds the design's row lock throughout, so no other request changes that BOM between the reading
 * and the writing.
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
            // from here to the transaction's end no other request changes this design's BOM: what is
            // read below stays true while the links are checked and written
            store.lockDesign(request.design().get());
        }
        // the items the entries name that the rows did not create, in one statement per 500 numbers
        Set<String> numbers = new LinkedHashSet<>();
        for (BomEntry entry : request.bom()) {
            for (String number : Arrays.asList(entry.parentItemNumber(), entry.childItemNumber())) {
                if (number != null && !number.isBlank() && !imported.contains(number.strip())) {
                    numbers.add(number.strip());
                }
            }
        }
        Map<String, UUID> existing = numbers.isEmpty() ? Map.of() : store.itemIds(scope, numbers);
        Set<UUID> parents = new LinkedHashSet<>();
        Set<UUID> children = new LinkedHashSet<>();
        for (BomEntry entry : request.bom()) {
            stored(entry.parentItemNumber(), imported, existing).ifPresent(parents::add);
            stored(entry.childItemNumber(), imported, existing).ifPresent(children::add);
        }
        // a link closes a cycle when its parent is below its child: what is below the children (the
        // stored links, and those this request adds, whose children are children of entries too) is all
        // a cycle check walks; a link exists already only between a parent and a child named
        Graph graph = new Graph(children.isEmpty() ? List.of() : store.linksBelow(children),
                parents.isEmpty() || children.isEmpty() ? List.of() : store.linksBetween(parents, children));
        Map<List<Object>, Integer> given = new HashMap<>();
        List<RelationshipFailure> failures = new ArrayList<>();
        List<CascadiaStore.Link> accepted = new ArrayList<>();
        int created = 0;
        for (BomEntry entry : request.bom()) {
            List<Problem> problems = new ArrayList<>();
            if (entry.problem() != null) {
                problems.add(Problem.of(ProblemCode.INVALID_FORMAT, entry.problem()));
            }
            Optional<Node> parent = resolve(entry.parentItemNumber(), "parentItemNumber", "Parent", imported, existing,
                    problems);
            Optional<Node> child = resolve(entry.childItemNumber(), "childItemNumber", "Child", imported, existing,
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
                Integer first = given.putIfAbsent(Arrays.asList(parent.get(), child.get(), quantity, findNumber,
                        designator), entry.index());
                if (first != null) {
                    problems.add(Problem.of(ProblemCode.DUPLICATE_KEY, "The link from " + entry.parentItemNumber()
                            + " to " + entry.childItemNumber() + " is given twice: it is the same as entry " + first));
                } else if (graph.stored(parent.get(), child.get(), quantity, findNumber, designator)) {
                    problems.add(Problem.of(ProblemCode.DUPLICATE_KEY, "The link from " + entry.parentItemNumber()
                            + " to " + entry.childItemNumber() + " exists already, with the same quantity, find number"
                            + " and reference designators"));
                } else if (parent.get().equals(child.get())) {
                    problems.add(Problem.at(ProblemCode.NOT_ALLOWED, "childItemNumber",
                            "A part cannot be its own child: " + entry.childItemNumber()));
                } else if (graph.reaches(child.get(), parent.get())) {
                    problems.add(Problem.of(ProblemCode.REFERENCE_CYCLE, "Linking " + entry.parentItemNumber() + " to "
                            + entry.childItemNumber() + " would make a cycle: " + entry.parentItemNumber()
                            + " is already below " + entry.childItemNumber()));
                }
            }
            if (!problems.isEmpty()) {
                failures.add(new RelationshipFailure(entry.index(), problems));
                continue;
            }
            graph.add(parent.get(), child.get());
            if (mode == RunMode.COMMIT) {
                accepted.add(new CascadiaStore.Link((UUID) parent.get().identity(), (UUID) child.get().identity(),
                        quantity, findNumber, designator));
            }
            created++;
        }
        // one batch, checked above under the design's lock
        store.insertLinks(accepted);
        return new Relationships(created, failures.size(), failures);
    }

    /** The stored item a number names: created by the rows (with its id) or found in the design. */
    private static Optional<UUID> stored(String number, ImportedRecords imported, Map<String, UUID> existing) {
        if (number == null || number.isBlank()) {
            return Optional.empty();
        }
        String key = number.strip();
        return imported.contains(key) ? imported.id(key).map(UUID::fromString) : Optional.ofNullable(existing.get(key));
    }

    private Optional<Node> resolve(String number, String field, String role, ImportedRecords imported,
            Map<String, UUID> existing, List<Problem> problems) {
        if (number == null || number.isBlank()) {
            problems.add(Problem.at(ProblemCode.REQUIRED, field, role + " item number is required"));
            return Optional.empty();
        }
        String key = number.strip();
        if (imported.contains(key)) {
            Optional<String> id = imported.id(key);
            return Optional.of(new Node(id.isPresent() ? (Object) UUID.fromString(id.get()) : key));
        }
        UUID found = existing.get(key);
        if (found == null) {
            problems.add(Problem.at(ProblemCode.NOT_FOUND, field, role + " item " + key + " not found in this import"
                    + " or the design"));
            return Optional.empty();
        }
        return Optional.of(new Node(found));
    }

    /**
     * The BOM as a request sees it: the stored links below the items it names, and the links it adds.
     * A quantity is compared by its value ({@code 2} is {@code 2.000000}), as the database compares it.
     */
    private static final class Graph {
        private final Map<Node, List<Node>> children = new HashMap<>();
        private final Set<List<Object>> stored = new HashSet<>();

        /**
         * @param below the stored links below the entries' children
         * @param between the stored links from the entries' parents to their children
         */
        Graph(List<CascadiaStore.Link> below, List<CascadiaStore.Link> between) {
            for (CascadiaStore.Link link : below) {
                add(new Node(link.parent()), new Node(link.child()));
            }
            for (CascadiaStore.Link link : between) {
                stored.add(Arrays.asList(link.parent(), link.child(), value(link.quantity()), link.findNumber(),
                        link.referenceDesignator()));
            }
        }

        void add(Node parent, Node child) {
            children.computeIfAbsent(parent, key -> new ArrayList<>()).add(child);
        }

        boolean stored(Node parent, Node child, BigDecimal quantity, Long findNumber, String designator) {
            return parent.identity() instanceof UUID parentId && child.identity() instanceof UUID childId
                    && stored.contains(Arrays.asList(parentId, childId, value(quantity), findNumber, designator));
        }

        /** Whether {@code to} is below {@code from}. */
        boolean reaches(Node from, Node to) {
            Deque<Node> open = new ArrayDeque<>(List.of(from));
            Set<Node> seen = new HashSet<>(open);
            while (!open.isEmpty()) {
                Node node = open.pop();
                if (node.equals(to)) {
                    return true;
                }
                for (Node child : children.getOrDefault(node, List.of())) {
                    if (seen.add(child)) {
                        open.push(child);
                    }
                }
            }
            return false;
        }

        private static BigDecimal value(BigDecimal quantity) {
            if (quantity == null) {
                return null;
            }
            BigDecimal stripped = quantity.stripTrailingZeros();
            return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
        }
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
