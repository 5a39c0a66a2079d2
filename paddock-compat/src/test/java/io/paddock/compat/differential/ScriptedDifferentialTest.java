package io.paddock.compat.differential;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.compat.differential.Step.AclChoice;
import java.util.List;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.Test;

/** Hand-written scripts for the interactions most likely to differ, compared step by step with Apache ZooKeeper. */
class ScriptedDifferentialTest {

    @Test
    void treeBookkeepingWatchesAndSessions() throws Exception {
        List<Step> script = List.of(
                new Step.Exists(1, "/app", true),
                new Step.Create(0, "/app", "v0", CreateMode.PERSISTENT),
                new Step.GetChildren(1, "/app", true),
                new Step.GetData(2, "/app", true),
                new Step.Create(0, "/app/job-", null, CreateMode.PERSISTENT_SEQUENTIAL),
                new Step.Create(2, "/app/lock-", "me", CreateMode.EPHEMERAL_SEQUENTIAL),
                new Step.SetData(0, "/app", "v1", 0),
                new Step.SetData(0, "/app", "v2", 0),
                new Step.GetChildren(0, "/app", false),
                new Step.Delete(0, "/app/job-0000000000", -1),
                new Step.GetData(0, "/app", false),
                new Step.Exists(1, "/app/lock-0000000001", true),
                new Step.Create(2, "/app/lock-0000000001/child", null, CreateMode.PERSISTENT),
                new Step.Multi(0, List.of(
                        new Step.Create(0, "/app/m", "x", CreateMode.PERSISTENT),
                        new Step.SetData(0, "/app/m", "y", 0),
                        new Step.Check(0, "/app", 7),
                        new Step.Delete(0, "/app", -1))),
                new Step.Multi(0, List.of(
                        new Step.Create(0, "/app/m", "x", CreateMode.PERSISTENT),
                        new Step.Check(0, "/app", 1),
                        new Step.SetData(0, "/app/m", "y", 0))),
                new Step.SetAcl(0, "/app/m", AclChoice.READ_ADMIN_ONLY, 0),
                new Step.SetData(1, "/app/m", "z", -1),
                new Step.SetAcl(1, "/app/m", AclChoice.CREATOR_ALL, -1),
                new Step.GetAcl(1, "/app/m"),
                new Step.Delete(0, "/app", -1),
                new Step.GetData(1, "/app/m", true),
                new Step.CloseSession(2),
                new Step.GetChildren(0, "/app", false),
                new Step.Exists(0, "/app", false));
        Transcript reference = DifferentialHarness.compare("scripted", script, 3);
        // Sanity of the reference itself: the failed multi left nothing, the closed session's lock is gone.
        assertThat(reference.steps().get(13)).startsWith("ERR BADVERSION results=[err(0), err(0), err(-103), err(-2)]");
        assertThat(reference.steps().get(22)).contains("children=[m]");
        assertThat(reference.events().get(1)).contains("NodeCreated /app", "NodeChildrenChanged /app", "NodeDeleted /app/lock-0000000001");
    }
}
