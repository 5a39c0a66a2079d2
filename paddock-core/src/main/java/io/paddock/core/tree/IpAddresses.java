package io.paddock.core.tree;

/** Parsing and prefix matching of IPv4 and IPv6 literals for the ip ACL scheme, without name resolution. */
final class IpAddresses {
    private IpAddresses() {
    }

    static boolean isValidExpression(String expression) {
        String[] parts = expression.split("/", 2);
        byte[] address = parse(parts[0]);
        if (address == null) {
            return false;
        }
        return parts.length == 1 || prefixBits(parts[1], address.length * 8) >= 0;
    }

    static boolean matches(String remote, String expression) {
        String[] parts = expression.split("/", 2);
        byte[] network = parse(parts[0]);
        byte[] address = parse(remote);
        if (network == null || address == null || network.length != address.length) {
            return false;
        }
        int bits = parts.length == 2 ? prefixBits(parts[1], network.length * 8) : network.length * 8;
        if (bits < 0) {
            return false;
        }
        for (int i = 0; i < network.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            int mask = keep == 0 ? 0 : (0xff << (8 - keep)) & 0xff;
            if ((network[i] & mask) != (address[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static int prefixBits(String text, int max) {
        try {
            int bits = Integer.parseInt(text);
            return bits < 0 || bits > max ? -1 : bits;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static byte[] parse(String text) {
        return text.indexOf(':') >= 0 ? parseV6(text) : parseV4(text);
    }

    private static byte[] parseV4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            try {
                int v = Integer.parseInt(parts[i]);
                if (v < 0 || v > 255) {
                    return null;
                }
                out[i] = (byte) v;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return out;
    }

    private static byte[] parseV6(String text) {
        if (text.indexOf('%') >= 0) {
            return null; // ZooKeeper does not accept zone ids (fe80::1%eth0) as addresses
        }
        String[] halves = text.split("::", -1);
        if (halves.length > 2) {
            return null;
        }
        String[] head = halves[0].isEmpty() ? new String[0] : halves[0].split(":", -1);
        String[] tail = halves.length == 2 && !halves[1].isEmpty() ? halves[1].split(":", -1) : new String[0];
        int groups = head.length + tail.length;
        if ((halves.length == 1 && groups != 8) || (halves.length == 2 && groups > 7)) {
            return null;
        }
        byte[] out = new byte[16];
        if (!fill(out, 0, head) || !fill(out, 16 - tail.length * 2, tail)) {
            return null;
        }
        return out;
    }

    private static boolean fill(byte[] out, int offset, String[] groups) {
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            if (g.isEmpty() || g.length() > 4) {
                return false;
            }
            try {
                int v = Integer.parseInt(g, 16);
                out[offset + i * 2] = (byte) (v >>> 8);
                out[offset + i * 2 + 1] = (byte) v;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }
}
