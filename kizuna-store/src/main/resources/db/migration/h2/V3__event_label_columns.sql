-- Labels: the label column (since V2) holds the event's STANAG 4774 labels as XML; these two hold
-- the originator label's policy and classification, so that history can be narrowed to what a
-- reader may hold in SQL before the exact check in Java. Null for events stored without labels.

ALTER TABLE cot_event ADD COLUMN label_policy CHARACTER VARYING;
ALTER TABLE cot_event ADD COLUMN label_classification CHARACTER VARYING;
