package dev.intake.examples.employees;

import dev.intake.core.ImportContext;
import dev.intake.core.TextComparison;
import dev.intake.examples.jdbc.Connections;
import dev.intake.spi.Existing;
import dev.intake.spi.RecordRepository;
import dev.intake.spi.WriteContext;
import dev.intake.spi.Written;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The employees table, matched by the email's comparison key ({@code email_key}, unique): an upsert
 * finds a chunk's existing employees in one query and names the email each holds, so the report says
 * {@code Judy@acme.com} matched a row that gave {@code judy@acme.com}. A row's manager is the
 * employee whose email key its manager email has: written before it when it is a row of the file
 * (the importer writes referenced rows first), or there already.
 */
final class EmployeeStore implements RecordRepository<Employee> {
    /** Keys asked for in one query. */
    private static final int FIND_AT_ONCE = 500;

    private final Connections connections;
    private final TextComparison emails;

    EmployeeStore(Connections connections, TextComparison emails) {
        this.connections = connections;
        this.emails = emails;
    }

    @Override
    public Written create(Employee employee, WriteContext context) throws SQLException {
        return connections.with(connection -> create(connection, employee, context));
    }

    private Written create(Connection connection, Employee employee, WriteContext context) throws SQLException {
        long id;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO employees (email, email_key, full_name,"
                + " department_id, manager_id, salary) VALUES (?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
            bind(connection, insert, employee, context);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        attributes(connection, id, employee);
        return Written.of(Long.toString(id), employee.email());
    }

    @Override
    public Written update(String id, Employee employee, WriteContext context) throws SQLException {
        return connections.with(connection -> update(connection, id, employee, context));
    }

    private Written update(Connection connection, String id, Employee employee, WriteContext context) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE employees SET email = ?, email_key = ?,"
                + " full_name = ?, department_id = ?, manager_id = ?, salary = ? WHERE id = ?")) {
            bind(connection, update, employee, context);
            update.setLong(7, Long.parseLong(id));
            update.executeUpdate();
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM employee_attributes WHERE employee_id = ?")) {
            delete.setLong(1, Long.parseLong(id));
            delete.executeUpdate();
        }
        attributes(connection, Long.parseLong(id), employee);
        return Written.of(id, employee.email());
    }

    private void bind(Connection connection, PreparedStatement statement, Employee employee, WriteContext context)
            throws SQLException {
        statement.setString(1, employee.email());
        statement.setString(2, emails.key(employee.email()));
        statement.setString(3, employee.fullName());
        Optional<String> department = context.groupId("department");
        if (department.isPresent()) {
            statement.setLong(4, Long.parseLong(department.get()));
        } else {
            statement.setNull(4, Types.BIGINT);
        }
        Optional<Long> manager = employee.managerEmail() == null ? Optional.empty()
                : idOf(connection, employee.managerEmail());
        if (employee.managerEmail() != null && manager.isEmpty()) {
            throw new SQLException("the manager " + employee.managerEmail() + " of " + employee.email() + " is not stored");
        }
        if (manager.isPresent()) {
            statement.setLong(5, manager.get());
        } else {
            statement.setNull(5, Types.BIGINT);
        }
        statement.setBigDecimal(6, employee.salary());
    }

    private static void attributes(Connection connection, long id, Employee employee) throws SQLException {
        if (employee.attributes().isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO employee_attributes (employee_id, name, attribute_value) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, Object> attribute : employee.attributes().entrySet()) {
                insert.setLong(1, id);
                insert.setString(2, attribute.getKey());
                insert.setString(3, String.valueOf(attribute.getValue()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private Optional<Long> idOf(Connection connection, String email) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement("SELECT id FROM employees WHERE email_key = ?")) {
            find.setString(1, emails.key(email));
            try (ResultSet rows = find.executeQuery()) {
                return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
            }
        }
    }

    @Override
    public Optional<String> findExisting(Employee employee, WriteContext context) throws SQLException {
        return connections.with(connection -> idOf(connection, employee.email()).map(String::valueOf));
    }

    /** A chunk's employees in one query a few hundred keys at a time, each with the email it holds. */
    @Override
    public List<Optional<Existing>> findExistingAll(List<? extends Employee> batch, List<WriteContext> contexts)
            throws SQLException {
        List<String> keys = new ArrayList<>(batch.size());
        for (Employee employee : batch) {
            keys.add(emails.key(employee.email()));
        }
        Map<String, Existing> held = byKey(keys);
        List<Optional<Existing>> found = new ArrayList<>(batch.size());
        for (String key : keys) {
            found.add(Optional.ofNullable(held.get(key)));
        }
        return found;
    }

    @Override
    public Optional<String> keyOf(Employee employee) {
        return Optional.of(employee.email());
    }

    /**
     * The stored employees that managers' emails name, for the manager reference's batched lookup:
     * by the email as the rows spell it, its id.
     *
     * @param managerEmails the manager emails of a chunk's rows
     * @param context the import's context
     * @return each email's employee id, where one compares alike
     * @throws SQLException if the table cannot be read
     */
    Map<String, List<Long>> managers(Set<String> managerEmails, ImportContext context) throws SQLException {
        List<String> keys = managerEmails.stream().map(emails::key).distinct().toList();
        Map<String, Existing> held = byKey(keys);
        Map<String, List<Long>> found = new HashMap<>();
        for (String email : managerEmails) {
            Existing existing = held.get(emails.key(email));
            if (existing != null) {
                found.put(email, List.of(Long.parseLong(existing.id())));
            }
        }
        return found;
    }

    private Map<String, Existing> byKey(List<String> keys) throws SQLException {
        return connections.with(connection -> byKey(connection, keys));
    }

    private static Map<String, Existing> byKey(Connection connection, List<String> keys) throws SQLException {
        Map<String, Existing> held = new HashMap<>();
        for (int from = 0; from < keys.size(); from += FIND_AT_ONCE) {
            List<String> part = keys.subList(from, Math.min(keys.size(), from + FIND_AT_ONCE));
            try (PreparedStatement find = connection.prepareStatement("SELECT id, email, email_key FROM employees"
                    + " WHERE email_key IN (" + String.join(", ", Collections.nCopies(part.size(), "?")) + ")")) {
                for (int i = 0; i < part.size(); i++) {
                    find.setString(i + 1, part.get(i));
                }
                try (ResultSet rows = find.executeQuery()) {
                    while (rows.next()) {
                        held.put(rows.getString(3), Existing.of(Long.toString(rows.getLong(1)), rows.getString(2)));
                    }
                }
            }
        }
        return held;
    }
}
