package io.wapipeline.worker.call;

import io.wapipeline.model.payload.CallReported;

/**
 * Which of two statuses reported in the same second is a call's latest: a call rings, is then accepted or rejected,
 * and a terminate ends it. RINGING ranks 1, any other call status 2, a terminate's status 3, anything else 0.
 * Migration V9 ranks the statuses it moves the same way.
 */
final class CallPrecedence {

    private CallPrecedence() {
    }

    static int rank(CallReported call) {
        return switch (call.event()) {
            case "terminate" -> 3;
            case "status" -> "RINGING".equals(call.status()) ? 1 : 2;
            default -> 0;
        };
    }
}
