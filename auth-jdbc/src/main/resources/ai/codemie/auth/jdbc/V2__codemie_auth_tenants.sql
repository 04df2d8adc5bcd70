-- codemie-auth schema version 2: tenants, their roles and memberships, invitations, and the default-tenant marker.
-- Runs on PostgreSQL and H2. ${schema} is the configured schema (default codemie).
-- These tables are the library's own, in a schema it created or in the platform's (where they are created when
-- missing); none of them refers to the platform's tables, so the platform's are never touched. Users are referred to
-- by id only: a user's tenant rows outlive nothing the platform does to its users table.
-- Patterns are kept as one text per boundary or role, separated by single spaces (a pattern holds none).

CREATE TABLE IF NOT EXISTS ${schema}.codemie_auth_tenants (
    id VARCHAR(63) NOT NULL,
    display_name VARCHAR(255) NOT NULL,
    boundary VARCHAR(1000000) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    CONSTRAINT codemie_auth_tenants_pk PRIMARY KEY (id)
);

CREATE TABLE IF NOT EXISTS ${schema}.codemie_auth_tenant_roles (
    id VARCHAR(36) NOT NULL,
    tenant_id VARCHAR(63) NOT NULL,
    name VARCHAR(64) NOT NULL,
    name_key VARCHAR(64) NOT NULL,
    description VARCHAR(4000) NOT NULL,
    patterns VARCHAR(1000000) NOT NULL,
    CONSTRAINT codemie_auth_tenant_roles_pk PRIMARY KEY (id),
    CONSTRAINT codemie_auth_tenant_roles_tenant_fk FOREIGN KEY (tenant_id)
        REFERENCES ${schema}.codemie_auth_tenants (id) ON DELETE CASCADE,
    CONSTRAINT codemie_auth_tenant_roles_name_uq UNIQUE (tenant_id, name_key)
);

CREATE TABLE IF NOT EXISTS ${schema}.codemie_auth_tenant_members (
    tenant_id VARCHAR(63) NOT NULL,
    user_id VARCHAR(36) NOT NULL,
    CONSTRAINT codemie_auth_tenant_members_pk PRIMARY KEY (tenant_id, user_id),
    CONSTRAINT codemie_auth_tenant_members_tenant_fk FOREIGN KEY (tenant_id)
        REFERENCES ${schema}.codemie_auth_tenants (id) ON DELETE CASCADE
);

CREATE INDEX IF NOT EXISTS codemie_auth_tenant_members_user_ix ON ${schema}.codemie_auth_tenant_members (user_id);

-- deleting a role deletes its rows here: it is gone from every holder
CREATE TABLE IF NOT EXISTS ${schema}.codemie_auth_tenant_member_roles (
    tenant_id VARCHAR(63) NOT NULL,
    user_id VARCHAR(36) NOT NULL,
    role_id VARCHAR(36) NOT NULL,
    CONSTRAINT codemie_auth_tenant_member_roles_pk PRIMARY KEY (tenant_id, user_id, role_id),
    CONSTRAINT codemie_auth_tenant_member_roles_member_fk FOREIGN KEY (tenant_id, user_id)
        REFERENCES ${schema}.codemie_auth_tenant_members (tenant_id, user_id) ON DELETE CASCADE,
    CONSTRAINT codemie_auth_tenant_member_roles_role_fk FOREIGN KEY (role_id)
        REFERENCES ${schema}.codemie_auth_tenant_roles (id) ON DELETE CASCADE
);

CREATE INDEX IF NOT EXISTS codemie_auth_tenant_member_roles_role_ix
    ON ${schema}.codemie_auth_tenant_member_roles (role_id);

CREATE TABLE IF NOT EXISTS ${schema}.codemie_auth_tenant_invitations (
    tenant_id VARCHAR(63) NOT NULL,
    email_key VARCHAR(320) NOT NULL,
    email VARCHAR(320) NOT NULL,
    name VARCHAR(255),
    CONSTRAINT codemie_auth_tenant_invitations_pk PRIMARY KEY (tenant_id, email_key),
    CONSTRAINT codemie_auth_tenant_invitations_tenant_fk FOREIGN KEY (tenant_id)
        REFERENCES ${schema}.codemie_auth_tenants (id) ON DELETE CASCADE
);

CREATE INDEX IF NOT EXISTS codemie_auth_tenant_invitations_email_ix
    ON ${schema}.codemie_auth_tenant_invitations (email_key);

CREATE TABLE IF NOT EXISTS ${schema}.codemie_auth_tenant_invitation_roles (
    tenant_id VARCHAR(63) NOT NULL,
    email_key VARCHAR(320) NOT NULL,
    role_id VARCHAR(36) NOT NULL,
    CONSTRAINT codemie_auth_tenant_invitation_roles_pk PRIMARY KEY (tenant_id, email_key, role_id),
    CONSTRAINT codemie_auth_tenant_invitation_roles_invitation_fk FOREIGN KEY (tenant_id, email_key)
        REFERENCES ${schema}.codemie_auth_tenant_invitations (tenant_id, email_key) ON DELETE CASCADE,
    CONSTRAINT codemie_auth_tenant_invitation_roles_role_fk FOREIGN KEY (role_id)
        REFERENCES ${schema}.codemie_auth_tenant_roles (id) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS ${schema}.codemie_auth_default_tenant_joined (
    user_id VARCHAR(36) NOT NULL,
    joined_at TIMESTAMP NOT NULL,
    CONSTRAINT codemie_auth_default_tenant_joined_pk PRIMARY KEY (user_id)
);
