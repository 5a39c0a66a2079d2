package io.paddock.core.tree;

import io.paddock.core.wire.Id;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order in which ZooKeeper lists a connection's authenticated ids (whoAmI). It keeps them in a set
 * backed by a concurrent hash map, so the order is that map's bucket order: by the spread hash of the jute
 * Id's hashCode in a table of 16 (32, 64… past three quarters full), equal buckets in insertion order.
 */
public final class AuthOrder {
    private AuthOrder() {
    }

    public static List<Id> asZooKeeperLists(List<Id> insertionOrder) {
        int table = 16;
        while (insertionOrder.size() > table * 3 / 4) {
            table *= 2;
        }
        int mask = table - 1;
        List<Id> sorted = new ArrayList<>(insertionOrder);
        sorted.sort(Comparator.comparingInt(id -> spread(juteHash(id)) & mask)); // stable: ties keep insertion order
        return sorted;
    }

    private static int juteHash(Id id) {
        int result = 17;
        result = 37 * result + (id.scheme() == null ? 0 : id.scheme().hashCode());
        result = 37 * result + (id.id() == null ? 0 : id.id().hashCode());
        return result;
    }

    private static int spread(int h) {
        return (h ^ (h >>> 16)) & 0x7fffffff;
    }
}
