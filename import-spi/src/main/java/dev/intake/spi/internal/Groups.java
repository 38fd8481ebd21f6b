package dev.intake.spi.internal;

import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.IntakeException;
import dev.intake.core.TextComparison;
import dev.intake.core.result.GroupAction;
import dev.intake.core.result.GroupOutcome;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Problem;
import dev.intake.spi.GroupRef;
import dev.intake.spi.GroupRepository;
import dev.intake.spi.TransactionBoundary;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The find-or-create groups of one import: what a dry run plans, which groups earlier commits made
 * known (with their ids), and finding or creating the groups of a chunk in sorted key order, so that
 * concurrent imports take the locks of new groups in one order and cannot deadlock.
 */
final class Groups {
    private final GroupRepository repository;
    private final TransactionBoundary transactions;
    private final Failures failures;
    /** Ids of groups found or created in transactions that committed; shared by the import's writers. */
    private final Map<GroupKey, String> committed;
    /** The group names, in the definition's order, and how each one's keys compare; shared by the writers. */
    private final String[] names;
    private final TextComparison[] compared;
    /**
     * Each group as the file first named it: later rows that name it in another spelling that
     * compares alike join it under that first spelling. Shared by the import's writers.
     */
    private final Map<GroupKey, GroupKey> spellings;
    /** What a dry run found, each group asked once. */
    private final Map<GroupKey, GroupAction> planned = new HashMap<>();

    Groups(ImportDefinition definition, GroupRepository repository, TransactionBoundary transactions,
            Failures failures) {
        this(definition.groups().toArray(String[]::new), comparisons(definition), repository, transactions, failures,
                new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    }

    private Groups(String[] names, TextComparison[] compared, GroupRepository repository,
            TransactionBoundary transactions, Failures failures, Map<GroupKey, String> committed,
            Map<GroupKey, GroupKey> spellings) {
        this.names = names;
        this.compared = compared;
        this.repository = repository;
        this.transactions = transactions;
        this.failures = failures;
        this.committed = committed;
        this.spellings = spellings;
    }

    /** How each group's keys compare, in the order of {@link ImportDefinition#groups()}. */
    private static TextComparison[] comparisons(ImportDefinition definition) {
        return definition.groups().stream().map(group -> definition.column(group).orElseThrow().comparison())
                .toArray(TextComparison[]::new);
    }

    /**
     * The groups a row joins, in the definition's order, each as the file first named it.
     *
     * @param row a checked row
     * @return its groups
     */
    List<GroupKey> keysOf(ImportRow row) {
        Map<String, String> named = row.groups();
        List<GroupKey> keys = new ArrayList<>(names.length);
        // by name rather than through forEach: a dry run asks this of every row, and the lambda
        // forEach needed was made anew each time
        for (int i = 0; i < names.length; i++) {
            String key = named.get(names[i]);
            if (key != null) {
                keys.add(keyOf(i, key));
            }
        }
        return keys;
    }

    /** The group of the {@code i}th name that a row names by {@code key}, as the file first named it. */
    private GroupKey keyOf(int i, String key) {
        TextComparison comparison = compared[i];
        if (comparison == TextComparison.exact()) {
            return new GroupKey(names[i], key, key);
        }
        GroupKey group = new GroupKey(names[i], key, comparison.key(key));
        GroupKey first = spellings.putIfAbsent(group, group);
        return first != null ? first : group;
    }

    /**
     * The groups of a writer of the same import, finding and creating through its own repository
     * and transactions; which groups committed transactions made known is shared.
     */
    Groups forWriter(GroupRepository writerRepository, TransactionBoundary writerTransactions) {
        return new Groups(names, compared, writerRepository, writerTransactions, failures, committed, spellings);
    }

    /**
     * @param group a group
     * @return whether a committed transaction of this import found or created it
     */
    boolean known(GroupKey group) {
        return committed.containsKey(group);
    }

    /**
     * Dry run: finds the groups a row joins that no row before it joined, and reports each once, as
     * the first row to join it finds it.
     *
     * @throws IntakeException if the host cannot tell whether a group exists
     */
    void plan(ImportRow row, ImportReport.Builder report) {
        Map<String, String> named = row.groups();
        // name by name, as keysOf does, without the list it makes: a dry run plans every row
        for (int i = 0; i < names.length; i++) {
            String key = named.get(names[i]);
            if (key == null) {
                continue;
            }
            GroupKey group = keyOf(i, key);
            if (planned.containsKey(group)) {
                continue;
            }
            GroupAction action;
            try {
                action = repository.find(group.name(), group.key()).isPresent() ? GroupAction.FOUND : GroupAction.CREATE;
            } catch (Exception e) {
                throw new IntakeException("finding group " + group.name() + " failed: " + e, row.rowNumber(), group.name(), e);
            }
            planned.put(group, action);
            report.group(new GroupOutcome(group.name(), group.key(), action, Optional.empty()));
        }
    }

    /**
     * Commit, inside the open transaction: finds or creates, in sorted order, the groups that rows
     * join and no committed transaction made known. A group that fails fails the rows that join it;
     * without savepoints the first failure ends the attempt (the caller rolls it back).
     *
     * @param rows the rows about to be written
     * @param savepoints whether groups get savepoints: a name's groups together in one, each in its own when
     *     that fails
     * @param attempt where the found groups and the failed rows go
     */
    void findOrCreate(Collection<? extends ImportRow> rows, boolean savepoints, Attempt attempt) {
        TreeMap<GroupKey, List<Long>> needed = new TreeMap<>();
        for (ImportRow row : rows) {
            for (GroupKey group : keysOf(row)) {
                if (!committed.containsKey(group)) {
                    needed.computeIfAbsent(group, k -> new ArrayList<>()).add(row.rowNumber());
                }
            }
        }
        // name by name, keys in order: the order concurrent imports lock groups in
        Map<String, List<GroupKey>> byName = new LinkedHashMap<>();
        for (GroupKey group : needed.keySet()) {
            byName.computeIfAbsent(group.name(), name -> new ArrayList<>()).add(group);
        }
        for (List<GroupKey> groups : byName.values()) {
            if (savepoints && groups.size() > 1 && together(groups, attempt)) {
                continue;
            }
            for (GroupKey group : groups) {
                try {
                    attempt.groupFound(group, savepoints
                            ? transactions.inSavepoint(() -> repository.findOrCreate(group.name(), group.key()))
                            : repository.findOrCreate(group.name(), group.key()));
                } catch (Exception e) {
                    Problem problem = failures.ofGroup(group, e);
                    for (long row : needed.get(group)) {
                        attempt.failed(row, List.of(problem));
                    }
                    if (!savepoints) {
                        return;
                    }
                }
            }
        }
    }

    /**
     * Finds or creates groups of one name together, in one savepoint.
     *
     * @return whether they were all found; when not, nothing of the call stays, and the caller goes
     *     one by one to find which group fails which rows
     */
    private boolean together(List<GroupKey> groups, Attempt attempt) {
        String name = groups.get(0).name();
        List<String> keys = groups.stream().map(GroupKey::key).toList();
        try {
            Map<String, GroupRef> found = transactions.inSavepoint(() -> {
                Map<String, GroupRef> refs = repository.findOrCreateAll(name, keys);
                for (String key : keys) {
                    if (refs.get(key) == null) {
                        throw new IllegalStateException("the repository gave no " + name + " for " + key);
                    }
                }
                return refs;
            });
            for (GroupKey group : groups) {
                attempt.groupFound(group, found.get(group.key()));
            }
            return true;
        } catch (Exception e) {
            failures.log("finding or creating " + keys.size() + " groups " + name + " together failed; one by one"
                    + " instead", e);
            return false;
        }
    }

    /**
     * Finds or creates one group, inside the open transaction (an all-or-nothing commit, which
     * creates its groups first, in sorted order).
     *
     * @throws Exception if the group can be neither found nor created
     */
    GroupRef findOrCreate(GroupKey group) throws Exception {
        return repository.findOrCreate(group.name(), group.key());
    }

    /** @return the id of a group a row of the attempt joins */
    String id(GroupKey group, Attempt attempt) {
        String known = committed.get(group);
        return known != null ? known : attempt.group(group).id();
    }

    /** The attempt committed: its groups are known from now on. */
    void committed(Attempt attempt) {
        attempt.groups().forEach((group, ref) -> committed.put(group, ref.id()));
    }

    /**
     * Reports the groups written rows joined, in the order rows first joined them: created when this
     * attempt created it, found otherwise.
     */
    void report(Collection<? extends ImportRow> rows, Attempt attempt, ImportReport.Builder report) {
        outcomes(rows, attempt).forEach(report::group);
    }

    /** The groups written rows joined, each once, in the order rows first joined them. */
    List<GroupOutcome> outcomes(Collection<? extends ImportRow> rows, Attempt attempt) {
        Map<GroupKey, GroupOutcome> outcomes = new java.util.LinkedHashMap<>();
        for (ImportRow row : rows) {
            for (GroupKey group : keysOf(row)) {
                GroupRef ref = attempt.groups().get(group);
                outcomes.putIfAbsent(group, outcome(group, ref));
            }
        }
        return List.copyOf(outcomes.values());
    }

    /**
     * What happened to a group: created when this attempt created it, found otherwise, with the key
     * the host holds when it differs from the file's.
     *
     * @param group the group
     * @param ref what the repository gave for it in this attempt; null when an earlier one did
     * @return the outcome
     */
    static GroupOutcome outcome(GroupKey group, GroupRef ref) {
        Optional<String> matched = ref == null ? Optional.empty()
                : ref.key().filter(existing -> !existing.equals(group.key()));
        return new GroupOutcome(group.name(), group.key(),
                ref != null && ref.created() ? GroupAction.CREATE : GroupAction.FOUND, matched);
    }
}
