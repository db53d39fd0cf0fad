package io.wapipeline.ops.doctor;

/** One item of the checklist. */
interface Check {

    String name();

    /** Runs the check; a failure is a result with its fix, never an exception. */
    Result run();

    /** What a check found: passed or not, what it saw, and on failure what to do about it. */
    record Result(boolean passed, String detail, String fix) {

        static Result pass(String detail) {
            return new Result(true, detail, null);
        }

        static Result fail(String detail, String fix) {
            return new Result(false, detail, fix);
        }
    }
}
