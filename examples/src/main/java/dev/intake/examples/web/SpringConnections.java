package dev.intake.examples.web;

import dev.intake.examples.jdbc.Connections;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * {@link Connections} from Spring: the connection of the current Spring transaction, or one from
 * the pool for the duration of the work when there is none.
 */
public final class SpringConnections implements Connections {
    private final DataSource dataSource;

    /**
     * Connections of a data source.
     *
     * @param dataSource the pool
     */
    public SpringConnections(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource must not be null");
    }

    @Override
    public <T> T with(Work<T> work) throws SQLException {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            return work.run(connection);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}
