-- codemie-auth schema version 1: the platform's user tables, for a database the platform does not manage.
-- Runs on PostgreSQL and H2. ${schema} is the configured schema (default codemie).
-- Columns follow the platform's tables; constraint names are this library's own.
CREATE SCHEMA IF NOT EXISTS ${schema};

CREATE TABLE IF NOT EXISTS ${schema}.codemie_auth_schema_version (
    version INTEGER NOT NULL,
    applied_at TIMESTAMP NOT NULL,
    CONSTRAINT codemie_auth_schema_version_pk PRIMARY KEY (version)
);

CREATE TABLE IF NOT EXISTS ${schema}.users (
    id VARCHAR(36) NOT NULL,
    username VARCHAR(255) NOT NULL,
    email VARCHAR(320),
    name VARCHAR(255),
    password_hash VARCHAR(255),
    picture VARCHAR(2048),
    user_type VARCHAR(32) NOT NULL,
    is_active BOOLEAN NOT NULL,
    is_admin BOOLEAN NOT NULL,
    is_maintainer BOOLEAN NOT NULL,
    auth_source VARCHAR(32),
    email_verified BOOLEAN NOT NULL,
    last_login_at TIMESTAMP,
    deleted_at TIMESTAMP,
    project_limit INTEGER,
    date TIMESTAMP NOT NULL,
    update_date TIMESTAMP NOT NULL,
    CONSTRAINT codemie_auth_users_pk PRIMARY KEY (id),
    CONSTRAINT codemie_auth_users_username_uq UNIQUE (username),
    CONSTRAINT codemie_auth_users_email_uq UNIQUE (email),
    CONSTRAINT codemie_auth_users_project_limit_ck CHECK (project_limit IS NULL OR project_limit >= 0)
);

CREATE TABLE IF NOT EXISTS ${schema}.user_projects (
    id VARCHAR(36) NOT NULL,
    user_id VARCHAR(36) NOT NULL,
    project_name VARCHAR(255) NOT NULL,
    is_project_admin BOOLEAN NOT NULL,
    date TIMESTAMP NOT NULL,
    update_date TIMESTAMP NOT NULL,
    CONSTRAINT codemie_auth_user_projects_pk PRIMARY KEY (id),
    CONSTRAINT codemie_auth_user_projects_user_fk FOREIGN KEY (user_id) REFERENCES ${schema}.users (id)
        ON DELETE CASCADE,
    CONSTRAINT codemie_auth_user_projects_uq UNIQUE (user_id, project_name)
);

CREATE INDEX IF NOT EXISTS codemie_auth_user_projects_project_ix ON ${schema}.user_projects (project_name);

CREATE TABLE IF NOT EXISTS ${schema}.user_knowledge_bases (
    id VARCHAR(36) NOT NULL,
    user_id VARCHAR(36) NOT NULL,
    kb_name VARCHAR(255) NOT NULL,
    date TIMESTAMP NOT NULL,
    update_date TIMESTAMP NOT NULL,
    CONSTRAINT codemie_auth_user_knowledge_bases_pk PRIMARY KEY (id),
    CONSTRAINT codemie_auth_user_knowledge_bases_user_fk FOREIGN KEY (user_id) REFERENCES ${schema}.users (id)
        ON DELETE CASCADE,
    CONSTRAINT codemie_auth_user_knowledge_bases_uq UNIQUE (user_id, kb_name)
);

CREATE TABLE IF NOT EXISTS ${schema}.applications (
    id VARCHAR(255) NOT NULL,
    name VARCHAR(255) NOT NULL,
    project_type VARCHAR(16) NOT NULL,
    created_by VARCHAR(36),
    deleted_at TIMESTAMP,
    description VARCHAR(4000),
    date TIMESTAMP NOT NULL,
    update_date TIMESTAMP NOT NULL,
    CONSTRAINT codemie_auth_applications_pk PRIMARY KEY (id),
    CONSTRAINT codemie_auth_applications_name_uq UNIQUE (name),
    CONSTRAINT codemie_auth_applications_type_ck CHECK (project_type IN ('shared', 'personal'))
);

CREATE INDEX IF NOT EXISTS codemie_auth_applications_creator_ix ON ${schema}.applications (created_by);
