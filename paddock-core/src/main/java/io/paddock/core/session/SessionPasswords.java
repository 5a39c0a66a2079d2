package io.paddock.core.session;

/**
 * Session passwords as Apache ZooKeeper derives them: 16 bytes from a linear congruential generator (the one
 * java.util.Random specifies) seeded with the session id xor a fixed secret. Deriving instead of storing means
 * a restarted server, or another server of the ensemble, can check a reconnecting client's password.
 */
public final class SessionPasswords {
    private static final long SECRET = 0xB3415C00L;
    private static final long MULTIPLIER = 0x5DEECE66DL;
    private static final long ADDEND = 0xBL;
    private static final long MASK = (1L << 48) - 1;

    private SessionPasswords() {
    }

    public static byte[] of(long sessionId) {
        long seed = ((sessionId ^ SECRET) ^ MULTIPLIER) & MASK;
        byte[] out = new byte[16];
        int i = 0;
        while (i < out.length) {
            seed = (seed * MULTIPLIER + ADDEND) & MASK;
            int random = (int) (seed >>> 16);
            for (int n = Math.min(out.length - i, 4); n-- > 0; random >>= 8) {
                out[i++] = (byte) random;
            }
        }
        return out;
    }

    public static boolean matches(long sessionId, byte[] password) {
        return sessionId != 0 && password != null && java.security.MessageDigest.isEqual(password, of(sessionId));
    }
}
