-- codemie-auth change triggers (PostgreSQL 9.5 or later): every committed write to the four tables the user store
-- reads, made by anyone (the platform's backend, a migration, psql), sends the same notification as the library's own
-- writes: NOTIFY on channel codemie_auth_user_changed with the changed user's id as payload. Every replica listening
-- drops that user's cached permissions within about a second instead of at the end of the cache's time to live.
-- Where the library's tenant tables exist, writes to them are announced too: a tenant's row or roles as
-- 'tenant:<tenant id>' (its members are read again at their next request), a membership or its roles as the user's id.
--
-- Installed by the store at startup with CODEMIE_AUTH_JDBC_INSTALL_TRIGGERS=true, or by an operator:
--   sed 's/\${schema}/codemie/g' codemie_auth_change_triggers.sql | psql -v ON_ERROR_STOP=1 "$DATABASE_URL"
-- It needs the right to create functions in the schema and triggers on the tables (their owner has both). Running it
-- again changes nothing. Removing it:
--   DROP TRIGGER codemie_auth_users_changed ON codemie.users;  (and likewise the other triggers below)
--   DROP FUNCTION codemie.codemie_auth_row_changed(), codemie.codemie_auth_project_changed();
--
-- Writes that change only the bookkeeping columns update_date and last_login_at send nothing: every sign-in writes
-- them, and a notification per sign-in would empty the caches it fills. Within one transaction PostgreSQL sends
-- identical notifications once, so a write of the library (which notifies by itself) is still announced once.
-- TRUNCATE is not announced: after one, restart the replicas or wait for the cache's time to live.

-- users (column id), user_projects and user_knowledge_bases (column user_id): the user of the old and the new row;
-- the tenant tables name a tenant (payload prefix 'tenant:', the second argument) or a user the same way.
CREATE OR REPLACE FUNCTION ${schema}.codemie_auth_row_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_user text;
    new_user text;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        old_user := COALESCE(TG_ARGV[1], '') || (to_jsonb(OLD) ->> TG_ARGV[0]);
        PERFORM pg_notify('codemie_auth_user_changed', old_user);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        new_user := COALESCE(TG_ARGV[1], '') || (to_jsonb(NEW) ->> TG_ARGV[0]);
        IF new_user IS DISTINCT FROM old_user THEN
            PERFORM pg_notify('codemie_auth_user_changed', new_user);
        END IF;
    END IF;
    RETURN NULL;
END
$$;

-- applications: every member of the project, under its old and its new name.
CREATE OR REPLACE FUNCTION ${schema}.codemie_auth_project_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    names text[];
    member text;
BEGIN
    IF TG_OP = 'DELETE' THEN
        names := ARRAY[OLD.name];
    ELSE
        names := ARRAY[OLD.name, NEW.name];
    END IF;
    FOR member IN EXECUTE format('SELECT DISTINCT user_id FROM %I.user_projects WHERE project_name = ANY ($1)',
            TG_TABLE_SCHEMA) USING names LOOP
        PERFORM pg_notify('codemie_auth_user_changed', member);
    END LOOP;
    RETURN NULL;
END
$$;

-- Each trigger is created only when missing, so that a restart takes no lock on the platform's tables.
DO $$
DECLARE
    wanted text[][] := ARRAY[
        ['users', 'codemie_auth_users_changed', 'INSERT OR DELETE', 'codemie_auth_row_changed(''id'')'],
        ['users', 'codemie_auth_users_updated', 'UPDATE', 'codemie_auth_row_changed(''id'')'],
        ['user_projects', 'codemie_auth_user_projects_changed', 'INSERT OR DELETE',
            'codemie_auth_row_changed(''user_id'')'],
        ['user_projects', 'codemie_auth_user_projects_updated', 'UPDATE', 'codemie_auth_row_changed(''user_id'')'],
        ['user_knowledge_bases', 'codemie_auth_user_knowledge_bases_changed', 'INSERT OR DELETE',
            'codemie_auth_row_changed(''user_id'')'],
        ['user_knowledge_bases', 'codemie_auth_user_knowledge_bases_updated', 'UPDATE',
            'codemie_auth_row_changed(''user_id'')'],
        ['applications', 'codemie_auth_applications_deleted', 'DELETE', 'codemie_auth_project_changed()'],
        ['applications', 'codemie_auth_applications_updated', 'UPDATE', 'codemie_auth_project_changed()'],
        ['codemie_auth_tenants', 'codemie_auth_tenants_changed', 'INSERT OR UPDATE OR DELETE',
            'codemie_auth_row_changed(''id'', ''tenant:'')'],
        ['codemie_auth_tenant_roles', 'codemie_auth_tenant_roles_changed', 'INSERT OR UPDATE OR DELETE',
            'codemie_auth_row_changed(''tenant_id'', ''tenant:'')'],
        ['codemie_auth_tenant_members', 'codemie_auth_tenant_members_changed', 'INSERT OR UPDATE OR DELETE',
            'codemie_auth_row_changed(''user_id'')'],
        ['codemie_auth_tenant_member_roles', 'codemie_auth_tenant_member_roles_changed', 'INSERT OR UPDATE OR DELETE',
            'codemie_auth_row_changed(''user_id'')']];
    trigger text[];
BEGIN
    FOREACH trigger SLICE 1 IN ARRAY wanted LOOP
        -- the tenant tables may be missing from a schema the library did not create
        CONTINUE WHEN to_regclass(format('%I.%I', '${schema}', trigger[1])) IS NULL;
        IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = trigger[2]
                AND tgrelid = format('%I.%I', '${schema}', trigger[1])::regclass) THEN
            EXECUTE format('CREATE TRIGGER %I AFTER %s ON %I.%I FOR EACH ROW %s EXECUTE PROCEDURE %I.%s',
                trigger[2], trigger[3], '${schema}', trigger[1],
                CASE WHEN trigger[3] = 'UPDATE' THEN 'WHEN (to_jsonb(OLD) - ''update_date'' - ''last_login_at'''
                    || ' IS DISTINCT FROM to_jsonb(NEW) - ''update_date'' - ''last_login_at'')' ELSE '' END,
                '${schema}', trigger[4]);
        END IF;
    END LOOP;
END
$$;
