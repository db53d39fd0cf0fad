package io.wapipeline.ops.importer;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import io.wapipeline.model.WebhookTopics;
import io.wapipeline.model.settings.DatabaseUrl;
import io.wapipeline.model.settings.Setting;
import io.wapipeline.model.signature.InternalSigner;
import io.wapipeline.ops.Databases;
import io.wapipeline.ops.DurationConverter;
import io.wapipeline.ops.KafkaOptions;
import io.wapipeline.ops.OpsCommand;
import io.wapipeline.ops.records.Progress;
import io.wapipeline.ops.records.RecordPublisher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wa-ops import-django}: brings a Django webhook app's messages into the pipeline as webhooks on the raw topic,
 * so the worker, this system's one writer, stores them exactly as it stores live traffic.
 */
@Command(name = "import-django", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Brings every message of a Django WhatsApp webhook app (app label whatsapp: tables "
                    + MessageColumns.TABLE + " and " + Conversations.TABLE + ") into this pipeline.",
            "Each message row becomes a webhook published to " + WebhookTopics.RAW + ", and the running worker stores it "
                    + "as it stores live traffic: deduplicated by message id, counted into its conversation, its media "
                    + "queued for download. Nothing is written to this system's tables but by the worker, and nothing at "
                    + "all to the Django database, which is read in one read-only transaction.",
            "A row's raw_payload is published as is when it is a whole webhook holding the row's message, wrapped in a "
                    + "webhook when it is the message item itself; otherwise the message is built from the row's columns. "
                    + "Rows without message_id, from_number or a readable timestamp, or whose raw_payload is not JSON, "
                    + "are counted as unreadable and not published.",
            "Messages already in whatsapp_message (this system's DATABASE_URL, only read) are skipped, so a second run "
                    + "publishes only what is missing. After publishing, it waits until the worker has stored every "
                    + "published message (--wait), then prints a summary.",
            "Exit code 0 when every readable message is stored, 1 when the wait ran out (or Kafka or a database "
                    + "failed), 2 on bad usage (no --from, no DATABASE_URL, no Django tables)." },
        footer = { "", "Example, with this system's DATABASE_URL set and the worker running:",
            "  wa-ops import-django --phone-number-id 106540352242922 \\",
            "      --from 'postgres://django:PASSWORD@db.example.com:5432/app'" })
public final class ImportDjangoCommand implements Callable<Integer> {

    private static final String VERB = "import-django";

    @ParentCommand
    OpsCommand ops;

    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "DATABASE_URL", description = {
            "The Django app's database, only read; its password is never printed. Written as Heroku and Fly write "
                    + "DATABASE_URL (postgres://user:pass@host:5432/db) or as a jdbc:postgresql: URL." })
    String from;

    @Option(names = "--phone-number-id", paramLabel = "ID", description = {
            "The phone number id of the business number the messages were sent to (App Dashboard, WhatsApp > API "
                    + "Setup), for the messages this command wraps in a webhook. Required when "
                    + MessageColumns.TABLE + " has no phone_number_id (or business_phone_number_id) column; a row's "
                    + "own value wins, and a whole webhook in raw_payload keeps its own." })
    String phoneNumberId;

    @Option(names = "--wait", paramLabel = "TIME", defaultValue = "5m", converter = DurationConverter.class,
            description = "How long to wait for the worker to store what was published: 30s, 5m, 1h. Default: ${DEFAULT-VALUE}.")
    Duration wait;

    @Option(names = "--dry-run", description = "Print each webhook that would be published, and the summary; publish nothing.")
    boolean dryRun;

    @Mixin
    KafkaOptions kafka;

    @Override
    public Integer call() throws SQLException, InterruptedException {
        DatabaseUrl target = targetDatabase();
        DatabaseUrl django = parse(from, "--from");
        try (DjangoSource source = openDjango(django); TargetDatabase stored = openTarget(target)) {
            MessageColumns columns = source.messageColumns();
            requirePhoneNumberId(columns);
            Conversations conversations = source.conversations();
            Progress progress = new Progress(spec.commandLine().getErr(), VERB);
            progress.print("reading " + MessageColumns.TABLE + " and " + Conversations.TABLE + " (" + conversations.count()
                    + " rows) from " + Databases.masked(from) + (dryRun ? "; --dry-run: nothing is published"
                            : "; publishing to " + WebhookTopics.RAW + " at " + kafka.bootstrapServers(ops.environment())));
            ImportTally tally = publish(source, columns, conversations, stored, progress);
            Set<String> missing = dryRun ? Set.of() : awaitStored(stored, tally.publishedIds(), progress);
            report(new ImportSummary(tally, missing.size(), dryRun, wait, conversations.count(),
                    conversations.withMessages(tally.conversationIds(), tally.senders()),
                    stored.conversationsOf(conversations.numbers())), missing, stored);
            return missing.isEmpty() ? 0 : 1;
        }
    }

    private ImportTally publish(DjangoSource source, MessageColumns columns, Conversations conversations,
            TargetDatabase stored, Progress progress) throws SQLException {
        RowMapper mapper = new RowMapper(Optional.ofNullable(phoneNumberId).filter(id -> !id.isBlank()));
        PrintWriter listing = spec.commandLine().getOut();
        if (dryRun) {
            return new Importer(mapper, conversations, stored, Optional.empty(), listing, progress).run(source, columns);
        }
        InternalSigner signer = internalSigner();
        try (RecordPublisher publisher = new RecordPublisher(kafka.target(ops.environment()))) {
            return new Importer(mapper, conversations, stored, Optional.of(new SignedPublisher(publisher, signer)), listing,
                    progress).run(source, columns);
        }
    }

    private Set<String> awaitStored(TargetDatabase stored, Set<String> published, Progress progress)
            throws SQLException, InterruptedException {
        if (!published.isEmpty()) {
            progress.print("waiting up to " + StoredWait.describe(wait) + " for the worker to store the "
                    + ImportSummary.messages(published.size()) + " published");
        }
        return new StoredWait(stored, spec.commandLine().getErr(), VERB).missingAfter(published, wait);
    }

    private void report(ImportSummary summary, Set<String> missing, TargetDatabase stored) throws SQLException {
        summary.lines().forEach(spec.commandLine().getOut()::println);
        if (!missing.isEmpty()) {
            List<String> lines = new MissingReport(missing, stored.keptApart(missing), wait).lines();
            spec.commandLine().getErr().println(VERB + ": " + lines.get(0));
            lines.subList(1, lines.size()).forEach(spec.commandLine().getErr()::println);
        }
    }

    /** The worker stores imported webhooks only when they are signed with the key it holds too. */
    private InternalSigner internalSigner() {
        Setting.INTERNAL_KEY.problemWhenRequired(ops.environment()).ifPresent(problem -> {
            throw new IllegalArgumentException(problem + "; import-django signs every webhook with it, and the worker"
                    + " stores none that is not signed with its own copy (use --dry-run to try without it)");
        });
        return new InternalSigner(ops.environment().apply(Setting.INTERNAL_KEY.variable()));
    }

    /** This system's DATABASE_URL, which the worker writes: read to skip what it has and to wait for the rest. */
    private DatabaseUrl targetDatabase() {
        Setting.DATABASE_URL.problemWhenRequired(ops.environment()).ifPresent(problem -> {
            throw new IllegalArgumentException(problem + "; import-django reads it to skip messages already stored and "
                    + "to wait for the worker");
        });
        return parse(ops.environment().apply(Setting.DATABASE_URL.variable()), Setting.DATABASE_URL.variable());
    }

    private void requirePhoneNumberId(MessageColumns columns) {
        if (columns.phoneNumberId().isEmpty() && (phoneNumberId == null || phoneNumberId.isBlank())) {
            throw new IllegalArgumentException(MessageColumns.TABLE + " has no phone_number_id or business_phone_number_id "
                    + "column: pass --phone-number-id with the id of the business number these messages were sent to "
                    + "(App Dashboard, WhatsApp > API Setup)");
        }
    }

    private static DatabaseUrl parse(String url, String name) {
        try {
            return DatabaseUrl.parse(url);
        }
        catch (IllegalArgumentException malformed) {
            throw new IllegalArgumentException(name + " " + Databases.masked(url) + ": " + malformed.getMessage());
        }
    }

    private DjangoSource openDjango(DatabaseUrl django) {
        try {
            return DjangoSource.open(django);
        }
        catch (SQLException failed) {
            throw new IllegalStateException("cannot read the Django database " + Databases.masked(from), failed);
        }
    }

    private TargetDatabase openTarget(DatabaseUrl target) {
        try {
            return TargetDatabase.open(target);
        }
        catch (SQLException failed) {
            throw new IllegalStateException("cannot read this system's database (DATABASE_URL "
                    + Databases.masked(ops.environment().apply(Setting.DATABASE_URL.variable())) + ")", failed);
        }
    }
}
