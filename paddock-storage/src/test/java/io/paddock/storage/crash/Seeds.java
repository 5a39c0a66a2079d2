package io.paddock.storage.crash;

import java.util.Random;

/**
 * Random sources derived from a seed and a purpose. java.util.Random's first draws from nearby seeds are
 * nearly equal (seed 5 and seed 6 would make the same first choice), so parts are mixed first.
 */
final class Seeds {
    private Seeds() {
    }

    static long mix(long... parts) {
        long h = 0x9E3779B97F4A7C15L;
        for (long p : parts) {
            h = fmix(h ^ fmix(p + 0x632BE59BD9B4E019L));
        }
        return h;
    }

    static Random random(long... parts) {
        return new Random(mix(parts));
    }

    /** MurmurHash3's 64-bit finalizer. */
    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb93fe53a87cdL;
        k ^= k >>> 33;
        return k;
    }
}
