package dev.intake.core.rule;

import dev.intake.core.RowValues;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The built-in cross-column {@link Constraint}s. A column conflicts with others only when it is
 * {@linkplain RowValues#isGiven(String) given} (read as a value that is not {@code false}), and is
 * missing only when it is {@linkplain RowValues#isEmpty(String) empty} (no text, or a flag set to
 * {@code false}, which asks for nothing). A cell whose text its column could not read is neither:
 * its own problem says what is wrong, and no constraint adds a second one for the same cause
 * ({@code autogenerate_title = perhaps} beside a title is {@code INVALID_BOOLEAN} alone).
 */
public final class Constraints {
    private Constraints() {
    }

    /**
     * Exactly one of the columns must be given: all empty is {@code MISSING_ONE_OF} (on the first
     * column), more than one given is {@code CONFLICTING_COLUMNS} (on the second given).
     *
     * @param columns two or more column keys
     * @return the constraint
     */
    public static Constraint exactlyOne(String... columns) {
        List<String> keys = atLeast(2, columns);
        return new Named(keys) {
            @Override
            public void check(RowValues row, Consumer<Problem> problems) {
                int count = countGiven(row, keys);
                if (count == 0 && allEmpty(row, keys)) {
                    problems.accept(Problem.at(ProblemCode.MISSING_ONE_OF, keys.get(0),
                            "one of " + either(labels(row, keys)) + " is required"));
                } else if (count > 1) {
                    List<String> given = given(row, keys);
                    problems.accept(Problem.at(ProblemCode.CONFLICTING_COLUMNS, given.get(1),
                            String.join(" and ", labels(row, given)) + " cannot be given together; give exactly one of "
                                    + either(labels(row, keys))));
                }
            }
        };
    }

    /**
     * At most one of the columns may be given; more is {@code CONFLICTING_COLUMNS}.
     *
     * @param columns two or more column keys
     * @return the constraint
     */
    public static Constraint atMostOne(String... columns) {
        List<String> keys = atLeast(2, columns);
        return new Named(keys) {
            @Override
            public void check(RowValues row, Consumer<Problem> problems) {
                if (countGiven(row, keys) > 1) {
                    List<String> given = given(row, keys);
                    problems.accept(Problem.at(ProblemCode.CONFLICTING_COLUMNS, given.get(1),
                            String.join(" and ", labels(row, given)) + " cannot be given together; give at most one"));
                }
            }
        };
    }

    /**
     * At most one form of a value may be given, each form being one or more columns (e.g.
     * {@code procedure_id}, or {@code procedure_title} with {@code procedure_version}). A column of a
     * second form is {@code CONFLICTING_COLUMNS}. Pair it with {@link #allOrNone} to keep a
     * multi-column form complete.
     *
     * @param forms two or more forms, each a non-empty list of column keys
     * @return the constraint
     */
    @SafeVarargs
    public static Constraint atMostOneForm(List<String>... forms) {
        if (forms.length < 2) {
            throw new IllegalArgumentException("atMostOneForm needs two or more forms");
        }
        List<List<String>> all = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (List<String> form : forms) {
            List<String> copy = atLeast(1, form.toArray(String[]::new));
            all.add(copy);
            keys.addAll(copy);
        }
        return new Named(keys) {
            @Override
            public void check(RowValues row, Consumer<Problem> problems) {
                List<String> first = null;
                for (int f = 0; f < all.size(); f++) {
                    List<String> form = all.get(f);
                    if (countGiven(row, form) == 0) {
                        continue;
                    }
                    if (first == null) {
                        first = form;
                    } else {
                        problems.accept(Problem.at(ProblemCode.CONFLICTING_COLUMNS, given(row, form).get(0),
                                String.join(" / ", labels(row, form)) + " cannot be combined with "
                                        + String.join(" / ", labels(row, first))
                                        + "; give one form"));
                    }
                }
            }
        };
    }

    /**
     * The columns go together: when some are not empty, each empty one is {@code INCOMPLETE_GROUP}.
     *
     * @param columns two or more column keys
     * @return the constraint
     */
    public static Constraint allOrNone(String... columns) {
        List<String> keys = atLeast(2, columns);
        return new Named(keys) {
            @Override
            public void check(RowValues row, Consumer<Problem> problems) {
                int count = 0;
                for (int i = 0; i < keys.size(); i++) {
                    count += row.isEmpty(keys.get(i)) ? 0 : 1;
                }
                if (count == 0 || count == keys.size()) {
                    return;
                }
                List<String> filled = new ArrayList<>(count);
                for (String key : keys) {
                    if (!row.isEmpty(key)) {
                        filled.add(key);
                    }
                }
                for (String key : keys) {
                    if (!filled.contains(key)) {
                        problems.accept(Problem.at(ProblemCode.INCOMPLETE_GROUP, key,
                                row.label(key) + " is required with " + String.join(" and ", labels(row, filled))));
                    }
                }
            }
        };
    }

    /**
     * When {@code column} is not empty, none of {@code required} may be empty; an empty one is
     * {@code REQUIRED}.
     *
     * @param column the column that needs others
     * @param required the columns it needs, one or more
     * @return the constraint
     */
    public static Constraint requires(String column, String... required) {
        String trigger = Objects.requireNonNull(column, "column must not be null");
        List<String> needed = atLeast(1, required);
        return new Named(concat(trigger, needed)) {
            @Override
            public void check(RowValues row, Consumer<Problem> problems) {
                if (row.isEmpty(trigger)) {
                    return;
                }
                for (int i = 0; i < needed.size(); i++) {
                    String key = needed.get(i);
                    if (row.isEmpty(key)) {
                        problems.accept(Problem.at(ProblemCode.REQUIRED, key,
                                row.label(key) + " is required when " + row.label(trigger) + " is given"));
                    }
                }
            }
        };
    }

    /**
     * When {@code column} is given, none of {@code others} may be given; each given one is
     * {@code CONFLICTING_COLUMNS}.
     *
     * @param column the column that excludes others
     * @param others the columns it excludes, one or more
     * @return the constraint
     */
    public static Constraint excludes(String column, String... others) {
        return conflictsWhenGiven(column, others, (key, trigger) -> key + " cannot be combined with " + trigger);
    }

    /**
     * When {@code column} is given, the {@code others} must be empty; each given one is
     * {@code CONFLICTING_COLUMNS} ("revision must be empty when part_inventory_id is given").
     *
     * @param column the column whose presence empties the others
     * @param others the columns that must then be empty
     * @return the constraint
     */
    public static Constraint emptyWhen(String column, String... others) {
        return conflictsWhenGiven(column, others, (key, trigger) -> key + " must be empty when " + trigger + " is given");
    }

    private static Constraint conflictsWhenGiven(String column, String[] others,
            java.util.function.BinaryOperator<String> message) {
        String trigger = Objects.requireNonNull(column, "column must not be null");
        List<String> excluded = atLeast(1, others);
        return new Named(concat(trigger, excluded)) {
            @Override
            public void check(RowValues row, Consumer<Problem> problems) {
                if (!row.isGiven(trigger)) {
                    return;
                }
                for (int i = 0; i < excluded.size(); i++) {
                    String key = excluded.get(i);
                    if (row.isGiven(key)) {
                        problems.accept(Problem.at(ProblemCode.CONFLICTING_COLUMNS, key,
                                message.apply(row.label(key), row.label(trigger))));
                    }
                }
            }
        };
    }

    /**
     * {@code column} is required when {@code other} has the value {@code value} (compared with the
     * converted value, e.g. an option's listed spelling); empty is {@code REQUIRED}.
     *
     * @param column the conditionally required column
     * @param other the column that decides
     * @param value the value of {@code other} that makes {@code column} required
     * @return the constraint
     */
    public static Constraint requiredWhen(String column, String other, Object value) {
        Objects.requireNonNull(column, "column must not be null");
        Objects.requireNonNull(other, "other must not be null");
        Objects.requireNonNull(value, "value must not be null");
        return new Named(List.of(column, other)) {
            @Override
            public void check(RowValues row, Consumer<Problem> problems) {
                boolean applies = row.value(other, Object.class).map(value::equals).orElse(false);
                if (applies && row.isEmpty(column)) {
                    problems.accept(Problem.at(ProblemCode.REQUIRED, column,
                            row.label(column) + " is required when " + row.label(other) + " is " + value));
                }
            }
        };
    }

    /** What messages call the columns: their labels. */
    private static List<String> labels(RowValues row, List<String> keys) {
        List<String> labels = new ArrayList<>(keys.size());
        for (String key : keys) {
            labels.add(row.label(key));
        }
        return labels;
    }

    /** How many of the columns the row gives: what every row asks, without a list made for it. */
    private static int countGiven(RowValues row, List<String> keys) {
        int count = 0;
        for (int i = 0; i < keys.size(); i++) {
            count += row.isGiven(keys.get(i)) ? 1 : 0;
        }
        return count;
    }

    /** The columns the row gives, in order: asked only when they are a problem's to name. */
    private static List<String> given(RowValues row, List<String> keys) {
        List<String> given = new ArrayList<>(keys.size());
        for (String key : keys) {
            if (row.isGiven(key)) {
                given.add(key);
            }
        }
        return given;
    }

    private static boolean allEmpty(RowValues row, List<String> keys) {
        for (String key : keys) {
            if (!row.isEmpty(key)) {
                return false;
            }
        }
        return true;
    }

    private static String either(List<String> keys) {
        if (keys.size() == 2) {
            return keys.get(0) + " or " + keys.get(1);
        }
        return String.join(", ", keys.subList(0, keys.size() - 1)) + " or " + keys.get(keys.size() - 1);
    }

    private static List<String> atLeast(int count, String... columns) {
        List<String> keys = List.of(columns);
        if (keys.size() < count) {
            throw new IllegalArgumentException("a constraint needs at least " + count + " column" + (count == 1 ? "" : "s"));
        }
        if (keys.stream().distinct().count() != keys.size()) {
            throw new IllegalArgumentException("a constraint names a column twice: " + keys);
        }
        return keys;
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return List.copyOf(all);
    }

    private abstract static class Named implements Constraint {
        private final List<String> columns;

        Named(List<String> columns) {
            this.columns = List.copyOf(columns);
        }

        @Override
        public List<String> columns() {
            return columns;
        }
    }
}
