-- What ImportDjangoTest imports: a Django app's rows of every kind the importer reads. Numbers 55119770000xx and
-- ids wamid.DJANGO-* are used by no other test. Message n was sent at 10:0n (Unix 1740823200 + 60 n).
INSERT INTO whatsapp_whatsappconversation (id, phone_number, name, created_at, updated_at) VALUES
    (1, '5511977000001', 'Ana Django', '2025-03-01 09:00:00+00', '2025-03-01 10:06:00+00'),
    (2, '5511977000002', 'Bruno Django', '2025-03-01 09:00:00+00', '2025-03-01 10:07:00+00'),
    (3, '5511977000006', 'Caio Django', '2025-03-01 09:00:00+00', '2025-03-01 10:11:00+00'),
    -- a conversation without messages: the worker derives conversations from messages, so it gets none
    (4, '5511977000007', 'Dora Django', '2025-03-01 09:00:00+00', '2025-03-01 09:00:00+00');

INSERT INTO whatsapp_whatsappmessage (id, message_id, from_number, to_number, message_type, text_body, media_id, timestamp, raw_payload, conversation_id, created_at) VALUES
    -- raw_payload is the whole webhook
    (1, 'wamid.DJANGO-1', '5511977000001', '15550001111', 'text', 'hello from a whole webhook', NULL, '2025-03-01 10:01:00+00',
     '{"object":"whatsapp_business_account","entry":[{"id":"WABA-DJANGO","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"PN-DJANGO"},"contacts":[{"profile":{"name":"Ana Django"},"wa_id":"5511977000001"}],"messages":[{"from":"5511977000001","id":"wamid.DJANGO-1","timestamp":"1740823260","type":"text","text":{"body":"hello from a whole webhook"}}]}}]}]}',
     1, '2025-03-01 10:01:02+00'),
    -- two rows keeping the same webhook of two messages
    (2, 'wamid.DJANGO-2', '5511977000002', '15550001111', 'text', 'first of two', NULL, '2025-03-01 10:02:00+00',
     '{"object":"whatsapp_business_account","entry":[{"id":"WABA-DJANGO","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"PN-DJANGO"},"contacts":[{"profile":{"name":"Bruno Django"},"wa_id":"5511977000002"}],"messages":[{"from":"5511977000002","id":"wamid.DJANGO-2","timestamp":"1740823320","type":"text","text":{"body":"first of two"}},{"from":"5511977000002","id":"wamid.DJANGO-3","timestamp":"1740823380","type":"text","text":{"body":"second of two"}}]}}]}]}',
     2, '2025-03-01 10:03:02+00'),
    (3, 'wamid.DJANGO-3', '5511977000002', '15550001111', 'text', 'second of two', NULL, '2025-03-01 10:03:00+00',
     '{"object":"whatsapp_business_account","entry":[{"id":"WABA-DJANGO","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"PN-DJANGO"},"contacts":[{"profile":{"name":"Bruno Django"},"wa_id":"5511977000002"}],"messages":[{"from":"5511977000002","id":"wamid.DJANGO-2","timestamp":"1740823320","type":"text","text":{"body":"first of two"}},{"from":"5511977000002","id":"wamid.DJANGO-3","timestamp":"1740823380","type":"text","text":{"body":"second of two"}}]}}]}]}',
     2, '2025-03-01 10:03:02+00'),
    -- raw_payload is only the messages[] item: text, image with caption, button reply, location
    (4, 'wamid.DJANGO-4', '5511977000001', '15550001111', 'text', 'item only', NULL, '2025-03-01 10:04:00+00',
     '{"from":"5511977000001","id":"wamid.DJANGO-4","timestamp":"1740823440","type":"text","text":{"body":"item only"}}',
     1, '2025-03-01 10:04:02+00'),
    (5, 'wamid.DJANGO-5', '5511977000002', '15550001111', 'image', 'receipt from the item', 'MEDIA-DJANGO-5', '2025-03-01 10:05:00+00',
     '{"from":"5511977000002","id":"wamid.DJANGO-5","timestamp":"1740823500","type":"image","image":{"caption":"receipt from the item","mime_type":"image/jpeg","id":"MEDIA-DJANGO-5"}}',
     NULL, '2025-03-01 10:05:02+00'),
    (6, 'wamid.DJANGO-6', '5511977000001', '15550001111', 'interactive', 'Yes please', NULL, '2025-03-01 10:06:00+00',
     '{"from":"5511977000001","id":"wamid.DJANGO-6","timestamp":"1740823560","type":"interactive","interactive":{"type":"button_reply","button_reply":{"id":"btn-yes","title":"Yes please"}}}',
     1, '2025-03-01 10:06:02+00'),
    (7, 'wamid.DJANGO-7', '5511977000002', '15550001111', 'location', NULL, NULL, '2025-03-01 10:07:00+00',
     '{"from":"5511977000002","id":"wamid.DJANGO-7","timestamp":"1740823620","type":"location","location":{"latitude":-23.5614,"longitude":-46.6559,"name":"MASP","address":"Av. Paulista 1578"}}',
     2, '2025-03-01 10:07:02+00'),
    -- no raw_payload: text, image with media_id; an empty {} and a type without a column mapping
    (8, 'wamid.DJANGO-8', '5511977000004', '15550001111', 'text', 'typed in django', NULL, '2025-03-01 10:08:00+00', NULL, NULL, '2025-03-01 10:08:02+00'),
    (9, 'wamid.DJANGO-9', '5511977000004', '15550001111', 'image', 'caption from the column', 'MEDIA-DJANGO-9', '2025-03-01 10:09:00+00', NULL, NULL, '2025-03-01 10:09:02+00'),
    (10, 'wamid.DJANGO-10', '5511977000004', '15550001111', 'location', 'Av. Paulista', NULL, '2025-03-01 10:10:00+00', '{}', NULL, '2025-03-01 10:10:02+00'),
    -- a message this system already has (the test stores it first)
    (11, 'wamid.DJANGO-11', '5511977000006', '15550001111', 'text', 'sent before the move', NULL, '2025-03-01 10:11:00+00', NULL, 3, '2025-03-01 10:11:02+00'),
    -- unreadable: no message id (and a raw_payload that is neither webhook nor item), no sender
    (12, '', '5511977000005', '15550001111', 'text', 'who sent this?', NULL, '2025-03-01 10:12:00+00', '"garbage"', NULL, '2025-03-01 10:12:02+00'),
    (13, 'wamid.DJANGO-13', '', '15550001111', 'text', 'no sender', NULL, '2025-03-01 10:13:00+00', NULL, NULL, '2025-03-01 10:13:02+00');
