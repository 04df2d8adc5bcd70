-- The platform's user management tables as its Alembic migrations create them (SQLAlchemy naming
-- convention: pk_/fk_/uq_/ix_/ck_ names, unique indexes for username and email, naive UTC timestamps,
-- NOT NULL audit columns without defaults). Deliberately unlike the library's own script.
CREATE SCHEMA codemie;

CREATE TABLE codemie.users (
    id VARCHAR(36) NOT NULL,
    date TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    update_date TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    username VARCHAR NOT NULL,
    email VARCHAR,
    name VARCHAR,
    password_hash VARCHAR,
    picture VARCHAR,
    user_type VARCHAR NOT NULL,
    is_active BOOLEAN NOT NULL,
    is_admin BOOLEAN NOT NULL,
    is_maintainer BOOLEAN NOT NULL,
    auth_source VARCHAR,
    email_verified BOOLEAN NOT NULL,
    last_login_at TIMESTAMP WITHOUT TIME ZONE,
    deleted_at TIMESTAMP WITHOUT TIME ZONE,
    project_limit INTEGER,
    CONSTRAINT pk_users PRIMARY KEY (id),
    CONSTRAINT ck_users_project_limit_non_negative CHECK (project_limit >= 0)
);
CREATE UNIQUE INDEX ix_users_username ON codemie.users (username);
CREATE UNIQUE INDEX ix_users_email ON codemie.users (email);

CREATE TABLE codemie.user_projects (
    id VARCHAR NOT NULL,
    date TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    update_date TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    user_id VARCHAR(36) NOT NULL,
    project_name VARCHAR NOT NULL,
    is_project_admin BOOLEAN NOT NULL,
    CONSTRAINT pk_user_projects PRIMARY KEY (id),
    CONSTRAINT fk_user_projects_user_id_users FOREIGN KEY (user_id) REFERENCES codemie.users (id) ON DELETE CASCADE,
    CONSTRAINT uq_user_projects_user_id_project_name UNIQUE (user_id, project_name)
);
CREATE INDEX ix_user_projects_project_name ON codemie.user_projects (project_name);

CREATE TABLE codemie.user_knowledge_bases (
    id VARCHAR NOT NULL,
    user_id VARCHAR(36) NOT NULL,
    kb_name VARCHAR NOT NULL,
    CONSTRAINT pk_user_knowledge_bases PRIMARY KEY (id),
    CONSTRAINT fk_user_knowledge_bases_user_id_users FOREIGN KEY (user_id) REFERENCES codemie.users (id)
        ON DELETE CASCADE,
    CONSTRAINT uq_user_knowledge_bases_user_id_kb_name UNIQUE (user_id, kb_name)
);

CREATE TABLE codemie.applications (
    id VARCHAR NOT NULL,
    date TIMESTAMP WITHOUT TIME ZONE,
    update_date TIMESTAMP WITHOUT TIME ZONE,
    name VARCHAR NOT NULL,
    description TEXT,
    project_type VARCHAR NOT NULL DEFAULT 'shared',
    created_by VARCHAR,
    deleted_at TIMESTAMP WITHOUT TIME ZONE,
    CONSTRAINT pk_applications PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_applications_name ON codemie.applications (name);
