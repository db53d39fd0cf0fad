package io.wapipeline.worker.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.wapipeline.worker.web.ApiDocument;
import io.wapipeline.worker.web.ApiErrors;
import jakarta.servlet.http.HttpServletRequest;

/** A contact by any of its ids; with and without the trailing slash. */
@RestController
@RequestMapping("/api/whatsapp/contacts")
@Tag(name = "contacts")
class ContactController {

    private final ContactReadRepository contacts;

    ContactController(ContactReadRepository contacts) {
        this.contacts = contacts;
    }

    @GetMapping({ "/{id}", "/{id}/" })
    @Operation(operationId = "getContact", summary = "One contact, found by any of its ids, with all of them")
    @ApiResponse(responseCode = "200", description = "The contact",
            content = @Content(schema = @Schema(implementation = ContactDetail.class)))
    @ApiResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    ResponseEntity<?> one(@Parameter(description = "A phone number (wa_id), business-scoped user id, parent id or contact key")
            @PathVariable String id, HttpServletRequest request) {
        return contacts.find(id).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ApiErrors.problem(HttpStatus.NOT_FOUND, "no contact has this id", request));
    }
}
