-- Items on sale. The stock column doubles as the optimistic version (the
-- article's "stock is the version"); fence_token serves the fenced strategy.
CREATE TABLE items (
    item_id        varchar(128) NOT NULL,
    name           varchar(256) NOT NULL,
    initial_stock  integer      NOT NULL,
    stock          integer      NOT NULL,
    per_user_limit integer,
    fence_token    bigint       NOT NULL DEFAULT 0,
    updated_at     timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT items_pk PRIMARY KEY (item_id),
    CONSTRAINT items_item_id_not_empty CHECK (length(item_id) > 0),
    CONSTRAINT items_initial_stock_not_negative CHECK (initial_stock >= 0),
    -- The last line of defence against overselling.
    CONSTRAINT items_stock_not_negative CHECK (stock >= 0),
    CONSTRAINT items_stock_at_most_initial CHECK (stock <= initial_stock),
    -- NULL means no per-user limit.
    CONSTRAINT items_per_user_limit_positive CHECK (per_user_limit IS NULL OR per_user_limit > 0),
    CONSTRAINT items_fence_token_not_negative CHECK (fence_token >= 0)
);

-- One row per decided request, whatever the decision. The primary key on
-- request_id is what makes a redelivered request find its earlier answer.
-- item_id has no foreign key on purpose: requests for unknown items are
-- decided (REJECTED/UNKNOWN_ITEM) and recorded too.
CREATE TABLE orders (
    request_id  varchar(128) NOT NULL,
    order_id    uuid,
    user_id     varchar(128),
    item_id     varchar(128),
    quantity    integer,
    status      varchar(16)  NOT NULL,
    reason      varchar(32),
    strategy    varchar(32)  NOT NULL,
    worker_id   varchar(128) NOT NULL,
    decided_at  timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT orders_pk PRIMARY KEY (request_id),
    CONSTRAINT orders_order_id_unique UNIQUE (order_id),
    CONSTRAINT orders_status_known CHECK (status IN ('SUCCEEDED', 'REJECTED', 'FAILED')),
    -- A success carries an order id and a complete, positive purchase; nothing else does.
    CONSTRAINT orders_order_id_iff_succeeded CHECK ((status = 'SUCCEEDED') = (order_id IS NOT NULL)),
    CONSTRAINT orders_succeeded_is_complete CHECK (
        status <> 'SUCCEEDED'
        OR (user_id IS NOT NULL AND item_id IS NOT NULL AND quantity IS NOT NULL AND quantity > 0 AND reason IS NULL)),
    CONSTRAINT orders_not_succeeded_has_reason CHECK (status = 'SUCCEEDED' OR reason IS NOT NULL)
);

-- Serves the per-user limit check and the verifier's sums.
CREATE INDEX orders_succeeded_by_item_user_idx ON orders (item_id, user_id) WHERE status = 'SUCCEEDED';
