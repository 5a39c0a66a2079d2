package io.paddock.core.tree;

import io.paddock.core.wire.Acl;
import io.paddock.core.wire.Id;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * ACL evaluation with ZooKeeper's built-in schemes: world:anyone, auth (expanded at create/setACL time),
 * digest (user:base64(sha1(user:password))) and ip (address with optional /bits). A connection holding the
 * {@code super} id bypasses every check.
 */
public final class AccessControl {
    public static final String SUPER = "super";

    private AccessControl() {
    }

    /** True when {@code authInfo} grants {@code perm} on a node with {@code acl} (an empty ACL grants all). */
    public static boolean permits(List<Acl> acl, int perm, List<Id> authInfo) {
        if (acl == null || acl.isEmpty()) {
            return true;
        }
        for (Id id : authInfo) {
            if (SUPER.equals(id.scheme())) {
                return true;
            }
        }
        for (Acl a : acl) {
            if ((a.perms() & perm) == 0) {
                continue;
            }
            Id aclId = a.id();
            if ("world".equals(aclId.scheme()) && "anyone".equals(aclId.id())) {
                return true;
            }
            for (Id held : authInfo) {
                if (held.scheme().equals(aclId.scheme()) && matches(held, aclId.id())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matches(Id held, String aclExpression) {
        return switch (held.scheme()) {
            case "digest" -> held.id().equals(aclExpression);
            case "ip" -> IpAddresses.matches(held.id(), aclExpression);
            default -> false;
        };
    }

    /**
     * Validates an ACL from a create or setACL and expands {@code auth} entries into the caller's
     * authenticated ids. Returns null when ZooKeeper would answer InvalidACL.
     */
    public static List<Acl> fixup(List<Acl> requested, List<Id> authInfo) {
        if (requested == null || requested.isEmpty()) {
            return null;
        }
        List<Acl> unique = new ArrayList<>(requested.size());
        for (Acl a : requested) {
            if (a == null || a.id() == null || a.id().scheme() == null) {
                return null;
            }
            if (!unique.contains(a)) {
                unique.add(a);
            }
        }
        List<Acl> out = new ArrayList<>(unique.size());
        for (Acl a : unique) {
            Id id = a.id();
            if ("world".equals(id.scheme()) && "anyone".equals(id.id())) {
                out.add(a);
            } else if ("auth".equals(id.scheme())) {
                boolean any = false;
                for (Id held : authInfo) {
                    if (isAuthenticatingScheme(held.scheme())) {
                        any = true;
                        out.add(new Acl(a.perms(), held));
                    }
                }
                if (!any) {
                    return null;
                }
            } else if (isValidId(id)) {
                out.add(a);
            } else {
                return null;
            }
        }
        return List.copyOf(out);
    }

    /**
     * Schemes whose ids an "auth" ACL entry expands to: those whose provider says the id was proven by
     * authentication. The ip id every connection holds is not (ZooKeeper's ip provider is not "authenticated").
     */
    private static boolean isAuthenticatingScheme(String scheme) {
        return "digest".equals(scheme);
    }

    private static boolean isValidId(Id id) {
        if (id.id() == null) {
            return false;
        }
        return switch (id.scheme()) {
            case "digest" -> id.id().split(":").length == 2;
            case "ip" -> IpAddresses.isValidExpression(id.id());
            default -> false;
        };
    }

    /** The digest id for "user:password", as ZooKeeper's DigestAuthenticationProvider computes it. */
    public static String digest(String userColonPassword) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(userColonPassword.getBytes(StandardCharsets.UTF_8));
            String user = userColonPassword.split(":", 2)[0];
            return user + ":" + Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /** The user name whoAmI reports for an id: digest gives the user part, ip the address, others "". */
    public static String userName(Id id) {
        return switch (id.scheme()) {
            case "digest" -> id.id().split(":")[0];
            case "ip" -> id.id();
            default -> "";
        };
    }
}
