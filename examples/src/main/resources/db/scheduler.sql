-- db-scheduler's table, under a name of the examples' own: which import runs are queued, and which
-- instance executes each (picked_by, last_heartbeat). ${TEXT} and ${BYTES} are the dialect's types.
CREATE TABLE intake_scheduled_tasks (
    task_name ${TEXT} NOT NULL,
    task_instance ${TEXT} NOT NULL,
    task_data ${BYTES},
    execution_time TIMESTAMP WITH TIME ZONE NOT NULL,
    picked BOOLEAN NOT NULL,
    picked_by ${TEXT},
    last_success TIMESTAMP WITH TIME ZONE,
    last_failure TIMESTAMP WITH TIME ZONE,
    consecutive_failures INTEGER,
    last_heartbeat TIMESTAMP WITH TIME ZONE,
    version BIGINT NOT NULL,
    priority SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX intake_scheduled_tasks_execution_time ON intake_scheduled_tasks (execution_time);
CREATE INDEX intake_scheduled_tasks_last_heartbeat ON intake_scheduled_tasks (last_heartbeat);
CREATE INDEX intake_scheduled_tasks_priority ON intake_scheduled_tasks (priority DESC, execution_time ASC)
