package io.paddock.server.config;

/**
 * One {@code key=value} entry of a config file, with where it came from, and the value readers that turn a bad
 * value into an error naming this line.
 */
record CfgLine(String source, int line, String key, String value) {

    ConfigException error(String problem) {
        return ConfigException.atLine(source, line, key + "=" + value + ": " + problem);
    }

    /**
     * This line, once one of the readers below has accepted its value: for fields that keep the line itself, so
     * later cross-checks can point at it.
     */
    CfgLine checked(Object acceptedValue) {
        assert acceptedValue != null;
        return this;
    }

    int asInt() throws ConfigException {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw error(value.isEmpty() ? "no value" : "not a number");
        }
    }

    /** An int as Integer.getInteger reads a system property: decimal, 0x/# hex or 0 octal. */
    int asDecodedInt() throws ConfigException {
        try {
            return Integer.decode(value);
        } catch (NumberFormatException e) {
            throw error(value.isEmpty() ? "no value" : "not a number");
        }
    }

    int asIntAtLeast(int min, String meaning) throws ConfigException {
        int number = asInt();
        if (number < min) {
            throw error("must be " + meaning);
        }
        return number;
    }

    int asPort() throws ConfigException {
        int port = asInt();
        if (port < 0 || port > 65_535) {
            throw error("not a port number (0-65535)");
        }
        return port;
    }

    /** Strictly true or false (any case), as ZooKeeper requires for its own boolean keys. */
    boolean asBoolean() throws ConfigException {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw error("expected true or false");
    }

    String asNonEmpty() throws ConfigException {
        if (value.isEmpty()) {
            throw error("no value");
        }
        return value;
    }
}
