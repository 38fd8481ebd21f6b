-- The Arena-style PLM domain of the import runs example. Table names carry the application's prefix.
-- ${TEXT} is the dialect's unbounded text type (TEXT on PostgreSQL, CHARACTER VARYING on H2).
CREATE TABLE arena_users (
    guid VARCHAR(20) PRIMARY KEY,
    full_name VARCHAR(200) NOT NULL,
    email VARCHAR(254) NOT NULL UNIQUE,
    password_hash VARCHAR(200) NOT NULL
);
CREATE TABLE arena_categories (
    name VARCHAR(200) PRIMARY KEY
);
CREATE TABLE arena_lifecycle_phases (
    name VARCHAR(200) PRIMARY KEY
);
CREATE TABLE arena_attributes (
    name VARCHAR(200) PRIMARY KEY,
    type VARCHAR(20) NOT NULL CHECK (type IN ('text', 'option', 'number')),
    options VARCHAR(2000)
);
CREATE TABLE arena_items (
    number VARCHAR(100) PRIMARY KEY,
    name VARCHAR(500) NOT NULL,
    category VARCHAR(200) NOT NULL REFERENCES arena_categories (name),
    revision VARCHAR(20),
    lifecycle_phase VARCHAR(200) REFERENCES arena_lifecycle_phases (name)
);
CREATE TABLE arena_item_attributes (
    number VARCHAR(100) NOT NULL REFERENCES arena_items (number),
    name VARCHAR(200) NOT NULL REFERENCES arena_attributes (name),
    attribute_value VARCHAR(2000) NOT NULL,
    PRIMARY KEY (number, name)
);
-- Saved import definitions, as the JSON documents users saved (DefinitionJson's form).
CREATE TABLE arena_import_definitions (
    guid VARCHAR(20) PRIMARY KEY,
    name VARCHAR(500) NOT NULL,
    document ${TEXT} NOT NULL
)
