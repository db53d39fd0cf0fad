package io.wapipeline.worker.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import jakarta.servlet.http.HttpServletRequest;

import io.wapipeline.model.WebhookTopics;
import io.wapipeline.service.logging.LogText;
import io.wapipeline.worker.api.ConversationItem;
import io.wapipeline.worker.api.ConversationQueries;
import io.wapipeline.worker.api.MessageDetail;
import io.wapipeline.worker.api.MessageItem;
import io.wapipeline.worker.api.MessageQueries;
import io.wapipeline.worker.api.Page;
import io.wapipeline.worker.media.MediaContent;
import io.wapipeline.worker.web.BadParameterException;

/**
 * The console's pages: sign-in; the messages (search and filters kept in the URL, newest first, keyset-paged) with
 * one message's fields, status timeline (per participant for a group message) and raw JSON; the conversations by last activity, each as a chat thread; the
 * delivery failures grouped by Meta's error code; the event log; the media download jobs by state; the dead letters,
 * which operators can redrive.
 * Server-rendered; operators' actions are POSTs under /console/actions/.
 */
@Controller
@RequestMapping("/console")
class ConsoleController {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ConsoleController.class);

    /** The message list's filters, as the read API names them; anything else in the URL is ignored. */
    private static final Set<String> MESSAGE_FILTERS = Set.of("q", "contact", "type", "business", "from", "to", "cursor");
    /** The sent list's filters: what is known of a message by its statuses. */
    private static final Set<String> SENT_FILTERS = Set.of("contact", "business", "from", "to", "state", "before");
    private static final int PAGE_SIZE = 50;
    /** How many of the newest dead letters a reason filter, and a redrive of all matching, looks at. */
    private static final int REDRIVE_ALL_LIMIT = 500;
    private static final List<String> EVENT_KINDS = List.of("change", "error", "unreadable");
    private static final Set<String> FAILURE_DAYS = Set.of("1", "7", "30", "90");
    /** How many messages sent to a contact a thread looks at. */
    private static final int OUTBOUND_LIMIT = 200;

    private final MessageQueries messages;
    private final ConversationQueries conversations;
    private final DeliveryFailures failures;
    private final ConsoleRecords records;
    private final DeadLetterBrowser deadLetters;
    private final MediaContent mediaContent;
    private final PipelineStatus pipeline;
    private final ConsoleProperties properties;
    private final SentMessages sent;

    ConsoleController(MessageQueries messages, ConversationQueries conversations, DeliveryFailures failures,
            ConsoleRecords records, DeadLetterBrowser deadLetters, MediaContent mediaContent, PipelineStatus pipeline,
            ConsoleProperties properties, SentMessages sent) {
        this.sent = sent;
        this.pipeline = pipeline;
        this.mediaContent = mediaContent;
        this.deadLetters = deadLetters;
        this.messages = messages;
        this.conversations = conversations;
        this.failures = failures;
        this.records = records;
        this.properties = properties;
    }

    @GetMapping({ "", "/" })
    String home() {
        return "redirect:/console/messages";
    }

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("noUsers", properties.users().isEmpty());
        return "console/login";
    }

    /**
     * A list page of a read-API list: a page of {@code PAGE_SIZE} by the kept filters, the filters and the next page's
     * link in the model, or an empty page and the problem when a filter cannot be read.
     */
    static <T> void filteredPage(Model model, String path, Map<String, String> filters,
            Function<Map<String, String>, Page<T>> list) {
        Map<String, String> query = new LinkedHashMap<>(filters);
        query.put("limit", Integer.toString(PAGE_SIZE));
        Page<T> page;
        String problem = null;
        try {
            page = list.apply(query);
        }
        catch (BadParameterException bad) {
            page = new Page<>(List.of(), null);
            problem = bad.getMessage();
        }
        model.addAttribute("page", page);
        model.addAttribute("filters", filters);
        model.addAttribute("problem", problem);
        model.addAttribute("nextUrl", page.nextCursor() == null ? null : withCursor(path, filters, page.nextCursor()));
    }

    @GetMapping("/messages")
    String messages(@RequestParam Map<String, String> parameters, Model model, Authentication user) {
        filteredPage(model, "/console/messages", kept(parameters, MESSAGE_FILTERS), messages::list);
        return common(model, user, "messages", "console/messages");
    }

    /**
     * The messages the business sent (known by their statuses), newest first, each with its delivery state; the
     * received list's contact, business and time filters apply, text and type are not known for them.
     */
    @GetMapping("/messages/sent")
    String sent(@RequestParam Map<String, String> parameters, Model model, Authentication user) {
        Map<String, String> filters = kept(parameters, SENT_FILTERS);
        String problem = null;
        ConsoleRecords.Rows<SentMessages.Sent> page;
        try {
            String state = filters.get("state");
            if (state != null && !SentMessages.STATES.contains(state)) {
                throw new BadParameterException("state must be one of " + String.join(", ", SentMessages.STATES));
            }
            page = sent.list(new SentMessages.Filter(filters.get("contact"), filters.get("business"), instant(filters, "from"),
                    instant(filters, "to"), state), filters.get("before"), PAGE_SIZE);
        }
        catch (BadParameterException bad) {
            page = new ConsoleRecords.Rows<>(List.of(), null);
            problem = bad.getMessage();
        }
        model.addAttribute("page", page);
        model.addAttribute("filters", filters);
        model.addAttribute("states", SentMessages.STATES);
        model.addAttribute("problem", problem);
        model.addAttribute("nextUrl", page.next() == null ? null : pageUrl("/console/messages/sent", filters, "before", page.next()));
        return common(model, user, "messages", "console/sent");
    }

    @GetMapping("/messages/{messageId}")
    String message(@PathVariable String messageId, Model model, Authentication user) {
        MessageDetail detail = messages.find(messageId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no message and no status has this id"));
        model.addAttribute("detail", detail);
        model.addAttribute("message", detail.message());
        model.addAttribute("participants", ParticipantStatuses.of(detail));
        model.addAttribute("rawJson", RawJson.pretty(detail.rawPayload()));
        model.addAttribute("source", records.source(messageId).orElse(null));
        MessageItem.Media media = detail.message().media();
        model.addAttribute("preview", media != null && "stored".equals(media.state())
                && MediaContent.previewable(media.mimeType(), detail.message().type()) ? previewKind(media.mimeType()) : null);
        return common(model, user, "messages", "console/message");
    }

    @GetMapping("/conversations")
    String conversations(@RequestParam Map<String, String> parameters, Model model, Authentication user) {
        Map<String, String> filters = kept(parameters, Set.of("business", "cursor"));
        Map<String, String> query = new LinkedHashMap<>(filters);
        query.put("limit", Integer.toString(PAGE_SIZE));
        Page<ConversationItem> page = conversations.list(query);
        model.addAttribute("page", page);
        model.addAttribute("filters", filters);
        model.addAttribute("nextUrl", page.nextCursor() == null ? null : withCursor("/console/conversations", filters, page.nextCursor()));
        return common(model, user, "conversations", "console/conversations");
    }

    /**
     * One contact's conversation as a chat thread, oldest first: a page of its newest inbound messages, and the
     * messages sent to it (by their statuses) from the oldest of those on, or all of the newest when there is no
     * older page.
     */
    @GetMapping("/conversations/{contactId}")
    String conversation(@PathVariable String contactId, @RequestParam Map<String, String> parameters, Model model,
            Authentication user) {
        Map<String, String> filters = kept(parameters, Set.of("business", "cursor"));
        Map<String, String> query = new LinkedHashMap<>(filters);
        query.put("limit", Integer.toString(PAGE_SIZE));
        Page<MessageItem> inbound = conversations.messages(contactId, query);
        java.time.Instant since = inbound.nextCursor() == null || inbound.items().isEmpty() ? null
                : inbound.items().get(inbound.items().size() - 1).timestamp();
        List<ThreadEntry> thread = ThreadEntry.merge(inbound.items(), conversations.outbound(contactId, OUTBOUND_LIMIT), since);
        model.addAttribute("contactId", contactId);
        model.addAttribute("contact", conversations.contact(contactId).orElse(null));
        model.addAttribute("contactName", inbound.items().stream().map(MessageItem::contactName)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null));
        model.addAttribute("thread", thread);
        model.addAttribute("olderUrl", inbound.nextCursor() == null ? null
                : withCursor("/console/conversations/" + contactId, filters, inbound.nextCursor()));
        return common(model, user, "conversations", "console/conversation");
    }

    /** Failed statuses over the last {@code days} (1 to 90, default 7), grouped by Meta's error code, and the newest. */
    @GetMapping("/failures")
    String failures(@RequestParam(defaultValue = "7") String days, @RequestParam(required = false) String code, Model model,
            Authentication user) {
        int period = FAILURE_DAYS.contains(days) ? Integer.parseInt(days) : 7;
        java.time.Instant since = java.time.Instant.now().minus(java.time.Duration.ofDays(period));
        String selected = code == null || code.isBlank() ? null : code;
        model.addAttribute("days", period);
        model.addAttribute("periods", List.of(1, 7, 30, 90));
        model.addAttribute("code", selected);
        model.addAttribute("byCode", failures.byCode(since));
        model.addAttribute("newest", failures.newest(since, selected, PAGE_SIZE));
        return common(model, user, "failures", "console/failures");
    }

    /** Everything that is neither a message nor a status, newest first: changes, value-level errors, unreadable items. */
    @GetMapping("/events")
    String events(@RequestParam(required = false) String kind, @RequestParam(required = false) String field,
            @RequestParam(required = false) String before, Model model, Authentication user) {
        String selectedKind = kind != null && EVENT_KINDS.contains(kind) ? kind : null;
        String selectedField = field == null || field.isBlank() ? null : field;
        ConsoleRecords.Rows<ConsoleRecords.Event> page = records.events(selectedKind, selectedField, before, PAGE_SIZE);
        model.addAttribute("kinds", EVENT_KINDS);
        model.addAttribute("kind", selectedKind);
        model.addAttribute("field", selectedField);
        model.addAttribute("page", page);
        model.addAttribute("nextUrl", page.next() == null ? null : UriComponentsBuilder.fromPath("/console/events")
                .queryParamIfPresent("kind", java.util.Optional.ofNullable(selectedKind))
                .queryParamIfPresent("field", java.util.Optional.ofNullable(selectedField))
                .queryParam("before", page.next()).encode().build().toUriString());
        return common(model, user, "events", "console/events");
    }

    /** Media download jobs by state, newest update first, with the last error. */
    @GetMapping("/media")
    String media(@RequestParam(required = false) String state, @RequestParam(required = false) String before, Model model,
            Authentication user) {
        List<ConsoleRecords.StateCount> states = records.mediaStates();
        String selected = states.stream().map(ConsoleRecords.StateCount::state).filter(known -> known.equals(state)).findFirst()
                .orElse(null);
        ConsoleRecords.Rows<ConsoleRecords.Media> page = records.media(selected, before, PAGE_SIZE);
        model.addAttribute("states", states);
        model.addAttribute("state", selected);
        model.addAttribute("page", page);
        model.addAttribute("nextUrl", page.next() == null ? null : UriComponentsBuilder.fromPath("/console/media")
                .queryParamIfPresent("state", java.util.Optional.ofNullable(selected))
                .queryParam("before", page.next()).encode().build().toUriString());
        return common(model, user, "media", "console/media");
    }

    /** Health, lag per partition and the last three hours per minute; the page refreshes itself every 30 s. */
    @GetMapping("/pipeline")
    String pipeline(Model model, Authentication user) {
        model.addAttribute("workerHealth", pipeline.workerHealth());
        model.addAttribute("ingestHealth", pipeline.ingestHealth());
        try {
            List<io.wapipeline.model.GroupLag.Partition> lag = pipeline.lag();
            model.addAttribute("lag", lag);
            model.addAttribute("totalLag", lag.stream().mapToLong(io.wapipeline.model.GroupLag.Partition::lag).sum());
        }
        catch (Exception kafkaUnavailable) {
            model.addAttribute("lagProblem", "Kafka did not answer within 3 s: " + kafkaUnavailable.getClass().getSimpleName());
        }
        List<PipelineStatus.Minute> minutes = pipeline.perMinute(3);
        model.addAttribute("chart", Chart.of(minutes));
        model.addAttribute("lastHourMessages", minutes.stream().skip(Math.max(0, minutes.size() - 60)).mapToLong(PipelineStatus.Minute::messages).sum());
        model.addAttribute("lastHourStatuses", minutes.stream().skip(Math.max(0, minutes.size() - 60)).mapToLong(PipelineStatus.Minute::statuses).sum());
        model.addAttribute("recentDeadLetters", deadLetters.newest(5));
        return common(model, user, "pipeline", "console/pipeline");
    }

    /** A stored media file, served as the read API serves it (safe types inline, the rest as attachments). */
    @GetMapping("/media/{mediaId}/content")
    ResponseEntity<?> mediaContent(@PathVariable String mediaId, HttpServletRequest request) {
        return mediaContent.serve(mediaId, request);
    }

    private static String previewKind(String mimeType) {
        String type = mimeType == null ? "" : mimeType.toLowerCase(java.util.Locale.ROOT);
        return type.startsWith("audio/") ? "audio" : type.startsWith("video/") ? "video" : "image";
    }

    /** The newest dead letters, each with its reason, the raw record it came from and the start of its body. */
    @GetMapping("/dead-letters")
    String deadLetters(@RequestParam(required = false) String reason, Model model, Authentication user) {
        String matching = reason == null || reason.isBlank() ? null : reason.strip();
        model.addAttribute("reason", matching);
        model.addAttribute("letters", matching == null ? deadLetters.newest(PAGE_SIZE)
                : deadLetters.matching(matching, REDRIVE_ALL_LIMIT));
        return common(model, user, "dead-letters", "console/dead-letters");
    }

    /** Operators only: every dead letter (of the newest {@value #REDRIVE_ALL_LIMIT}) whose reason contains the text. */
    @PostMapping("/actions/redrive-matching")
    String redriveMatching(@RequestParam String reason, Authentication user, RedirectAttributes outcome) throws Exception {
        int sent = deadLetters.redriveMatching(reason.strip(), REDRIVE_ALL_LIMIT, user.getName());
        outcome.addFlashAttribute("outcome", "Sent " + sent + " dead letter" + (sent == 1 ? "" : "s") + " whose reason contains \""
                + reason.strip() + "\" back through the worker.");
        return "redirect:/console/dead-letters";
    }

    /** One dead letter, and for operators the confirmation of its redrive. */
    @GetMapping("/dead-letters/{partition}/{offset}")
    String deadLetter(@PathVariable int partition, @PathVariable long offset, Model model, Authentication user) {
        model.addAttribute("letter", deadLetters.find(partition, offset)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no dead letter there")));
        return common(model, user, "dead-letters", "console/dead-letter");
    }

    /** Operators only (ConsoleSecurity): sends one dead letter back through the worker, logged with the user's name. */
    @PostMapping("/actions/redrive")
    String redrive(@RequestParam int partition, @RequestParam long offset, Authentication user,
            RedirectAttributes outcome) throws Exception {
        Optional<String> copy = deadLetters.redrive(partition, offset, user.getName());
        outcome.addFlashAttribute("outcome", copy.map(where -> "Sent " + WebhookTopics.DEAD_LETTER + "-" + partition + "@" + offset
                + " back through the worker (" + where + "); its items appear once the worker has stored them.")
                .orElse("There is no dead letter at " + partition + "@" + offset + "; nothing was sent."));
        return "redirect:/console/dead-letters";
    }

    /** Operators only: the message's raw record through the worker again, overwriting what is stored of it. */
    @PostMapping("/actions/reprocess")
    String reprocess(@RequestParam String messageId, Authentication user, RedirectAttributes outcome) throws Exception {
        Optional<ConsoleRecords.Source> source = records.source(messageId);
        Optional<String> copy = source.isEmpty() ? Optional.empty()
                : deadLetters.reprocess(source.get().topic(), source.get().partition(), source.get().offset(), user.getName(), messageId);
        outcome.addFlashAttribute("outcome", source.isEmpty() ? "No stored message has this id; nothing was sent."
                : copy.map(where -> "Sent the raw record " + source.get().topic() + "-" + source.get().partition() + "@"
                        + source.get().offset() + " through the worker again (" + where + "); the stored rows are overwritten.")
                        .orElse("The raw record " + source.get().topic() + "-" + source.get().partition() + "@" + source.get().offset()
                                + " is no longer in Kafka (past retention); the stored row is unchanged."));
        return "redirect:" + UriComponentsBuilder.fromPath("/console/messages/{id}").buildAndExpand(messageId).encode().toUriString();
    }

    /** Operators only: a failed media download tried again from the start. */
    @PostMapping("/actions/retry-media")
    String retryMedia(@RequestParam String mediaId, @RequestParam String messageId, Authentication user,
            RedirectAttributes outcome) {
        boolean retried = records.retryMedia(mediaId);
        if (retried) {
            log.info("Console: {} set media {} of message {} to be downloaded again", LogText.escape(user.getName()),
                    LogText.escape(mediaId), LogText.escape(messageId));
        }
        outcome.addFlashAttribute("outcome", retried ? "The download will be tried again within a few seconds."
                : "This media is not failed; nothing changed.");
        return "redirect:" + UriComponentsBuilder.fromPath("/console/messages/{id}").buildAndExpand(messageId).encode().toUriString();
    }

    private static java.time.Instant instant(Map<String, String> filters, String name) {
        String value = filters.get(name);
        try {
            return value == null ? null : java.time.Instant.parse(value.strip());
        }
        catch (java.time.format.DateTimeParseException unreadable) {
            throw new BadParameterException(name + " must be an ISO-8601 instant such as 2026-05-01T00:00:00Z");
        }
    }

    /** The parameters among {@code names} that have a value: the filters a page keeps in its links. */
    static Map<String, String> kept(Map<String, String> parameters, Set<String> names) {
        Map<String, String> kept = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            if (names.contains(name) && !value.isBlank()) {
                kept.put(name, value);
            }
        });
        return kept;
    }

    /** The layout's attributes (the section for the navigation, who is signed in, their role); returns the view. */
    static String common(Model model, Authentication user, String section, String view) {
        model.addAttribute("section", section);
        model.addAttribute("userName", user.getName());
        model.addAttribute("operator", user.getAuthorities().stream()
                .anyMatch(authority -> authority.getAuthority().equals("ROLE_" + ConsoleProperties.Role.OPERATOR.name())));
        return view;
    }

    static String withCursor(String path, Map<String, String> filters, String cursor) {
        return pageUrl(path, filters, "cursor", cursor);
    }

    /**
     * The next page's URL: the filters, and {@code position} in place of the one this page had. Values go in as
     * template variables, so they are encoded strictly: a {@code +} (in a time zone, or a base64 wamid) stays a plus.
     */
    private static String pageUrl(String path, Map<String, String> filters, String positionName, String position) {
        UriComponentsBuilder url = UriComponentsBuilder.fromPath(path);
        Map<String, String> values = new LinkedHashMap<>();
        filters.forEach((name, value) -> {
            if (!name.equals(positionName)) {
                url.queryParam(name, "{" + name + "}");
                values.put(name, value);
            }
        });
        url.queryParam(positionName, "{" + positionName + "}");
        values.put(positionName, position);
        return url.encode().buildAndExpand(values).toUriString();
    }
}
