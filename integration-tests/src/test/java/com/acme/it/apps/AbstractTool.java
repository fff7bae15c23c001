package com.acme.it.apps;

/** A base class between a tool and the Tool interface: subclasses are subtypes only indirectly. */
public abstract class AbstractTool implements Tool {
    protected String prefix() {
        return getClass().getSimpleName() + ": ";
    }
}
