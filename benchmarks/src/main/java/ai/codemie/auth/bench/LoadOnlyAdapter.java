package ai.codemie.auth.bench;

import java.util.List;
import org.casbin.jcasbin.model.Model;
import org.casbin.jcasbin.persist.Adapter;

/** A jCasbin storage adapter that loads the generated data, as a database adapter does, and refuses every write. */
interface LoadOnlyAdapter extends Adapter {

    @Override
    default void savePolicy(Model model) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    default void addPolicy(String sec, String ptype, List<String> rule) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    default void removePolicy(String sec, String ptype, List<String> rule) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    default void removeFilteredPolicy(String sec, String ptype, int fieldIndex, String... fieldValues) {
        throw new UnsupportedOperationException("read-only");
    }
}
