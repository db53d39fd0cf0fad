package io.wapipeline.worker.console;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

import io.wapipeline.worker.api.MessageDetail;
import io.wapipeline.worker.api.MessageItem;
import io.wapipeline.worker.api.MessageQueries;
import io.wapipeline.worker.api.Page;
import io.wapipeline.worker.web.BadParameterException;

/**
 * The console's pages: sign-in, and the messages (search and filters kept in the URL, newest first, keyset-paged)
 * with one message's fields, status timeline, media and raw JSON. Server-rendered; no script.
 */
@Controller
@RequestMapping("/console")
class ConsoleController {

    /** The message list's filters, as the read API names them; anything else in the URL is ignored. */
    private static final Set<String> MESSAGE_FILTERS = Set.of("q", "contact", "type", "business", "from", "to", "cursor");
    private static final int PAGE_SIZE = 50;

    private final MessageQueries messages;
    private final ConsoleProperties properties;

    ConsoleController(MessageQueries messages, ConsoleProperties properties) {
        this.messages = messages;
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

    @GetMapping("/messages")
    String messages(@RequestParam Map<String, String> parameters, Model model, Authentication user) {
        Map<String, String> filters = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            if (MESSAGE_FILTERS.contains(name) && !value.isBlank()) {
                filters.put(name, value);
            }
        });
        Map<String, String> query = new LinkedHashMap<>(filters);
        query.put("limit", Integer.toString(PAGE_SIZE));
        Page<MessageItem> page;
        String problem = null;
        try {
            page = messages.list(query);
        }
        catch (BadParameterException bad) {
            page = new Page<>(java.util.List.of(), null);
            problem = bad.getMessage();
        }
        model.addAttribute("page", page);
        model.addAttribute("filters", filters);
        model.addAttribute("problem", problem);
        model.addAttribute("nextUrl", page.nextCursor() == null ? null : withCursor(filters, page.nextCursor()));
        return common(model, user, "messages", "console/messages");
    }

    @GetMapping("/messages/{messageId}")
    String message(@PathVariable String messageId, Model model, Authentication user) {
        MessageDetail detail = messages.find(messageId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no message and no status has this id"));
        model.addAttribute("detail", detail);
        model.addAttribute("message", detail.message());
        model.addAttribute("rawJson", RawJson.pretty(detail.rawPayload()));
        return common(model, user, "messages", "console/message");
    }

    private static String common(Model model, Authentication user, String section, String view) {
        model.addAttribute("section", section);
        model.addAttribute("userName", user.getName());
        model.addAttribute("operator", user.getAuthorities().stream()
                .anyMatch(authority -> authority.getAuthority().equals("ROLE_" + ConsoleProperties.Role.OPERATOR.name())));
        return view;
    }

    private static String withCursor(Map<String, String> filters, String cursor) {
        UriComponentsBuilder url = UriComponentsBuilder.fromPath("/console/messages");
        filters.forEach((name, value) -> {
            if (!name.equals("cursor")) {
                url.queryParam(name, value);
            }
        });
        return url.queryParam("cursor", cursor).encode().build().toUriString();
    }
}
