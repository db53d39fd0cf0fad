/**
 * Contacts: one per person per business account, holding every id Meta has named them by. Ids named together are
 * linked, contacts found to be one person merged (their messages and conversations follow), in any arrival order.
 */
package io.wapipeline.worker.contact;
