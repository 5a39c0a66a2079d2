package io.paddock.compat.wire;

import io.paddock.core.wire.Acl;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.ClientResponse;
import io.paddock.core.wire.OpCode;
import io.paddock.core.wire.Stat;
import java.util.List;
import org.apache.jute.Record;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.CreateOptions;
import org.apache.zookeeper.DeleteContainerRequest;
import org.apache.zookeeper.MultiOperationRecord;
import org.apache.zookeeper.MultiResponse;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.ClientInfo;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.proto.AddWatchRequest;
import org.apache.zookeeper.proto.AuthPacket;
import org.apache.zookeeper.proto.CheckVersionRequest;
import org.apache.zookeeper.proto.CheckWatchesRequest;
import org.apache.zookeeper.proto.Create2Response;
import org.apache.zookeeper.proto.CreateRequest;
import org.apache.zookeeper.proto.CreateResponse;
import org.apache.zookeeper.proto.CreateTTLRequest;
import org.apache.zookeeper.proto.DeleteRequest;
import org.apache.zookeeper.proto.ErrorResponse;
import org.apache.zookeeper.proto.ExistsRequest;
import org.apache.zookeeper.proto.GetACLRequest;
import org.apache.zookeeper.proto.GetACLResponse;
import org.apache.zookeeper.proto.GetAllChildrenNumberRequest;
import org.apache.zookeeper.proto.GetAllChildrenNumberResponse;
import org.apache.zookeeper.proto.GetChildren2Request;
import org.apache.zookeeper.proto.GetChildren2Response;
import org.apache.zookeeper.proto.GetChildrenRequest;
import org.apache.zookeeper.proto.GetChildrenResponse;
import org.apache.zookeeper.proto.GetDataRequest;
import org.apache.zookeeper.proto.GetDataResponse;
import org.apache.zookeeper.proto.GetEphemeralsRequest;
import org.apache.zookeeper.proto.GetEphemeralsResponse;
import org.apache.zookeeper.proto.GetSASLRequest;
import org.apache.zookeeper.proto.ReconfigRequest;
import org.apache.zookeeper.proto.RemoveWatchesRequest;
import org.apache.zookeeper.proto.SetACLRequest;
import org.apache.zookeeper.proto.SetDataRequest;
import org.apache.zookeeper.proto.SetWatches;
import org.apache.zookeeper.proto.SetWatches2;
import org.apache.zookeeper.proto.SyncRequest;
import org.apache.zookeeper.proto.SyncResponse;
import org.apache.zookeeper.proto.WhoAmIResponse;

/**
 * The Apache ZooKeeper record that carries the same fields as a Paddock record, built field by field. Null
 * when the message has no body on the wire.
 */
final class ZkRecords {
    private ZkRecords() {
    }

    static org.apache.zookeeper.data.Stat stat(Stat s) {
        return new org.apache.zookeeper.data.Stat(s.czxid(), s.mzxid(), s.ctime(), s.mtime(), s.version(), s.cversion(),
                s.aversion(), s.ephemeralOwner(), s.dataLength(), s.numChildren(), s.pzxid());
    }

    static ACL acl(Acl a) {
        return new ACL(a.perms(), new Id(a.id().scheme(), a.id().id()));
    }

    static List<ACL> acls(List<Acl> acls) {
        return acls == null ? null : acls.stream().map(ZkRecords::acl).toList();
    }

    static Record request(ClientRequest request) {
        return switch (request) {
            case ClientRequest.Create c -> new CreateRequest(c.path(), c.data(), acls(c.acl()), c.flags());
            case ClientRequest.CreateTtl c -> new CreateTTLRequest(c.path(), c.data(), acls(c.acl()), c.flags(), c.ttl());
            case ClientRequest.Delete d -> new DeleteRequest(d.path(), d.version());
            case ClientRequest.DeleteContainer d -> new DeleteContainerRequest(d.path());
            case ClientRequest.SetData s -> new SetDataRequest(s.path(), s.data(), s.version());
            case ClientRequest.Check c -> new CheckVersionRequest(c.path(), c.version());
            case ClientRequest.Exists e -> new ExistsRequest(e.path(), e.watch());
            case ClientRequest.GetData g -> new GetDataRequest(g.path(), g.watch());
            case ClientRequest.GetChildren g -> g.opCode() == OpCode.GET_CHILDREN
                    ? new GetChildrenRequest(g.path(), g.watch()) : new GetChildren2Request(g.path(), g.watch());
            case ClientRequest.GetAcl g -> new GetACLRequest(g.path());
            case ClientRequest.SetAcl s -> new SetACLRequest(s.path(), acls(s.acl()), s.version());
            case ClientRequest.Sync s -> new SyncRequest(s.path());
            case ClientRequest.Ping p -> null;
            case ClientRequest.Multi m -> new MultiOperationRecord(m.ops().stream().map(ZkRecords::op).toList());
            case ClientRequest.Reconfig r -> new ReconfigRequest(r.joiningServers(), r.leavingServers(), r.newMembers(),
                    r.curConfigId());
            case ClientRequest.WatchQuery q -> q.opCode() == OpCode.CHECK_WATCHES
                    ? new CheckWatchesRequest(q.path(), q.watcherType()) : new RemoveWatchesRequest(q.path(), q.watcherType());
            case ClientRequest.Auth a -> new AuthPacket(a.type(), a.scheme(), a.auth());
            case ClientRequest.SetWatches s -> s.opCode() == OpCode.SET_WATCHES
                    ? new SetWatches(s.relativeZxid(), s.dataWatches(), s.existWatches(), s.childWatches())
                    : new SetWatches2(s.relativeZxid(), s.dataWatches(), s.existWatches(), s.childWatches(),
                    s.persistentWatches(), s.persistentRecursiveWatches());
            case ClientRequest.Sasl s -> new GetSASLRequest(s.token());
            case ClientRequest.GetEphemerals g -> new GetEphemeralsRequest(g.prefixPath());
            case ClientRequest.GetAllChildrenNumber g -> new GetAllChildrenNumberRequest(g.path());
            case ClientRequest.AddWatch a -> new AddWatchRequest(a.path(), a.mode());
            case ClientRequest.WhoAmI w -> null;
            case ClientRequest.CloseSession c -> null;
        };
    }

    /** The op the official client would build for a multi member (only combinations it can express). */
    static Op op(ClientRequest.MultiOp op) {
        return switch (op) {
            case ClientRequest.Create c when c.opCode() == OpCode.CREATE2 -> Op.create(c.path(), c.data(),
                    CreateOptions.newBuilder(acls(c.acl()), CreateMode.fromFlag(c.flags(), null)).build());
            case ClientRequest.Create c -> Op.create(c.path(), c.data(), acls(c.acl()), c.flags());
            case ClientRequest.CreateTtl c -> Op.create(c.path(), c.data(), acls(c.acl()), c.flags(), c.ttl());
            case ClientRequest.Delete d -> Op.delete(d.path(), d.version());
            case ClientRequest.SetData s -> Op.setData(s.path(), s.data(), s.version());
            case ClientRequest.Check c -> Op.check(c.path(), c.version());
            case ClientRequest.GetData g -> Op.getData(g.path());
            case ClientRequest.GetChildren g -> Op.getChildren(g.path());
        };
    }

    /** The form of a reply the client reads for each kind of Paddock reply; a list when several share a layout. */
    static List<Record> response(ClientResponse response) {
        return switch (response) {
            case ClientResponse.Empty e -> List.of();
            case ClientResponse.ErrorBody e -> List.of(new ErrorResponse(e.err()));
            case ClientResponse.Create c -> List.of(new CreateResponse(c.path()));
            case ClientResponse.Create2 c -> List.of(new Create2Response(c.path(), stat(c.stat())));
            case ClientResponse.StatOnly s -> List.of(new org.apache.zookeeper.proto.ExistsResponse(stat(s.stat())),
                    new org.apache.zookeeper.proto.SetDataResponse(stat(s.stat())),
                    new org.apache.zookeeper.proto.SetACLResponse(stat(s.stat())));
            case ClientResponse.GetData g -> List.of(new GetDataResponse(g.data(), stat(g.stat())));
            case ClientResponse.GetChildren g -> List.of(new GetChildrenResponse(g.children()));
            case ClientResponse.GetChildren2 g -> List.of(new GetChildren2Response(g.children(), stat(g.stat())));
            case ClientResponse.GetAcl g -> List.of(new GetACLResponse(acls(g.acl()), stat(g.stat())));
            case ClientResponse.Sync s -> List.of(new SyncResponse(s.path()));
            case ClientResponse.GetEphemerals g -> List.of(new GetEphemeralsResponse(g.ephemerals()));
            case ClientResponse.GetAllChildrenNumber g -> List.of(new GetAllChildrenNumberResponse(g.totalNumber()));
            case ClientResponse.WhoAmI w -> List.of(new WhoAmIResponse(w.clientInfo() == null ? null
                    : w.clientInfo().stream().map(c -> new ClientInfo(c.authScheme(), c.user())).toList()));
            case ClientResponse.Multi m -> {
                MultiResponse multi = new MultiResponse();
                m.results().forEach(r -> multi.add(result(r)));
                yield List.of(multi);
            }
        };
    }

    static OpResult result(ClientResponse.OpResult result) {
        return switch (result) {
            case ClientResponse.OpResult.Create c -> new OpResult.CreateResult(c.path());
            case ClientResponse.OpResult.Create2 c -> new OpResult.CreateResult(c.path(), stat(c.stat()));
            case ClientResponse.OpResult.Delete d -> new OpResult.DeleteResult();
            case ClientResponse.OpResult.SetData s -> new OpResult.SetDataResult(stat(s.stat()));
            case ClientResponse.OpResult.Check c -> new OpResult.CheckResult();
            case ClientResponse.OpResult.GetChildren g -> new OpResult.GetChildrenResult(g.children());
            case ClientResponse.OpResult.GetData g -> new OpResult.GetDataResult(g.data(), stat(g.stat()));
            case ClientResponse.OpResult.Error e -> new OpResult.ErrorResult(e.err());
        };
    }
}
