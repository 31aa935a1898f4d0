-- The event table on PostgreSQL: range-partitioned by receive time, so that retention drops whole
-- partitions instead of deleting rows (TAK Server's single ever-growing table is what fills disks).
-- The store creates the partitions ahead of time (cot_event_pYYYYMMDD[HH]); the default partition
-- only catches rows outside them (a clock jump) and is trimmed by deletes.

CREATE TABLE cot_event (
    id           BIGSERIAL,
    received_at  TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    uid          CHARACTER VARYING NOT NULL,
    cot_type     CHARACTER VARYING NOT NULL,
    how          CHARACTER VARYING NOT NULL,
    event_time   TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    start_time   TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    stale_time   TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    lat          DOUBLE PRECISION NOT NULL,
    lon          DOUBLE PRECISION NOT NULL,
    hae          DOUBLE PRECISION NOT NULL,
    ce           DOUBLE PRECISION NOT NULL,
    sender       CHARACTER VARYING NOT NULL,
    write_groups CHARACTER VARYING NOT NULL,
    direct       BOOLEAN NOT NULL,
    label        CHARACTER VARYING,
    xml          BYTEA NOT NULL,
    PRIMARY KEY (received_at, id)
) PARTITION BY RANGE (received_at);

CREATE TABLE cot_event_default PARTITION OF cot_event DEFAULT;

CREATE INDEX cot_event_uid ON cot_event (uid, received_at, id);
CREATE INDEX cot_event_stale ON cot_event (stale_time);
