package io.paddock.sim.check;

import io.paddock.sim.history.Observation;
import java.util.List;

/** One property checked over a whole run's history, after the run (checkers are pure functions of it). */
public interface Checker {

    /** The property's name as reports print it, e.g. "primary order". */
    String property();

    /** Every violation of the property in {@code history} (empty: the property holds). */
    List<Violation> check(List<Observation> history);
}
