-- The Cascadia-style PLM domain of the Import API example. Table names carry the application's
-- prefix; the fixture files' columns are kept, but for the users' API tokens, stored hashed.
-- ${TEXT} is the dialect's unbounded text type (TEXT on PostgreSQL, CHARACTER VARYING on H2).
CREATE TABLE cascadia_users (
    id UUID PRIMARY KEY,
    email VARCHAR(254) NOT NULL UNIQUE,
    role VARCHAR(40) NOT NULL,
    token_sha256 CHAR(64) NOT NULL UNIQUE
);
CREATE TABLE cascadia_designs (
    id UUID PRIMARY KEY,
    name VARCHAR(500) NOT NULL,
    phase VARCHAR(20) NOT NULL CHECK (phase IN ('PRE_RELEASE', 'POST_RELEASE'))
);
CREATE TABLE cascadia_branches (
    id UUID PRIMARY KEY,
    design_id UUID NOT NULL REFERENCES cascadia_designs (id),
    name VARCHAR(200) NOT NULL
);
CREATE TABLE cascadia_design_access (
    user_id UUID NOT NULL REFERENCES cascadia_users (id),
    design_id UUID NOT NULL REFERENCES cascadia_designs (id),
    PRIMARY KEY (user_id, design_id)
);
CREATE TABLE cascadia_programs (
    id UUID PRIMARY KEY,
    name VARCHAR(500) NOT NULL
);
-- Parts, documents and issues. Item numbers are unique per design for parts and documents
-- (number_scope is the design's id) and among issues (number_scope 'ISSUE').
CREATE TABLE cascadia_items (
    id UUID PRIMARY KEY,
    number_scope VARCHAR(40) NOT NULL,
    design_id UUID REFERENCES cascadia_designs (id),
    branch_id UUID REFERENCES cascadia_branches (id),
    type VARCHAR(10) NOT NULL CHECK (type IN ('PART', 'DOCUMENT', 'ISSUE')),
    item_number VARCHAR(100) NOT NULL,
    name VARCHAR(500) NOT NULL,
    revision VARCHAR(10) NOT NULL,
    description VARCHAR(10000),
    part_type VARCHAR(20),
    material VARCHAR(100),
    weight ${TEXT},
    weight_unit VARCHAR(10),
    cost ${TEXT},
    cost_currency CHAR(3),
    lead_time_days BIGINT,
    doc_type VARCHAR(20),
    file_name VARCHAR(500),
    mime_type VARCHAR(100),
    severity VARCHAR(10),
    priority VARCHAR(10),
    category VARCHAR(20),
    reported_date DATE,
    resolution VARCHAR(10000),
    root_cause VARCHAR(10000),
    state VARCHAR(20),
    program_id UUID REFERENCES cascadia_programs (id),
    created_by UUID REFERENCES cascadia_users (id),
    UNIQUE (number_scope, item_number)
);
CREATE TABLE cascadia_item_attributes (
    item_id UUID NOT NULL REFERENCES cascadia_items (id),
    name VARCHAR(200) NOT NULL,
    attribute_value VARCHAR(2000) NOT NULL,
    PRIMARY KEY (item_id, name)
);
CREATE TABLE cascadia_bom_links (
    id UUID PRIMARY KEY,
    parent_id UUID NOT NULL REFERENCES cascadia_items (id),
    child_id UUID NOT NULL REFERENCES cascadia_items (id),
    quantity NUMERIC(19, 6) NOT NULL CHECK (quantity >= 0),
    find_number BIGINT,
    reference_designator VARCHAR(2000),
    CHECK (parent_id <> child_id)
);
CREATE INDEX cascadia_bom_links_parent ON cascadia_bom_links (parent_id);
CREATE INDEX cascadia_bom_links_child ON cascadia_bom_links (child_id);
-- The highest generated-style number (PN-000123) in use per scope and prefix: generating the next
-- one locks its row, so that concurrent imports never hand out the same number.
CREATE TABLE cascadia_number_counters (
    number_scope VARCHAR(40) NOT NULL,
    prefix VARCHAR(10) NOT NULL,
    last_value BIGINT NOT NULL,
    PRIMARY KEY (number_scope, prefix)
)
