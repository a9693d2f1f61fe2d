package io.respawn.facts.map;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A group or component as written in the map, before defaults are inherited: what the
 * checks of names and {@code after:} and the resolution of settings work from. A name is
 * null when it is missing or bad (already reported).
 */
sealed interface Declaration permits Declaration.GroupDecl, Declaration.ComponentDecl {

    Located<String> name();

    /** The line of the {@code group:} or {@code component:} key. */
    int line();

    /**
     * @param own      the group's own {@code cureWindow} and {@code intensity}
     * @param defaults its {@code defaults:}, inherited by everything below it
     */
    record GroupDecl(Located<String> name, int line, Settings own, Settings defaults, List<Declaration> children)
            implements Declaration {
    }

    /**
     * @param command null when missing or bad (already reported)
     * @param own     the component's own inheritable keys
     */
    record ComponentDecl(Located<String> name, int line, Located<List<String>> command, Optional<String> workdir,
                         Map<String, String> env, List<Located<String>> after, Settings own) implements Declaration {
    }
}
