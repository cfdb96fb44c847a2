-- The built-in demo warehouse: what `java -jar secoda-sync.jar` syncs when nothing is configured.
-- Run by H2's INIT on every new connection to the in-memory database, so every statement is
-- idempotent.
CREATE SCHEMA IF NOT EXISTS SALES;
CREATE SCHEMA IF NOT EXISTS MARKETING;

CREATE TABLE IF NOT EXISTS SALES.CUSTOMERS (
    ID          BIGINT PRIMARY KEY,
    NAME        VARCHAR(200) NOT NULL,
    EMAIL       VARCHAR(320),
    COUNTRY     CHAR(2),
    CREATED_AT  TIMESTAMP WITH TIME ZONE
);
COMMENT ON TABLE SALES.CUSTOMERS IS 'Every customer who ever placed an order';
COMMENT ON COLUMN SALES.CUSTOMERS.ID IS 'Surrogate key';
COMMENT ON COLUMN SALES.CUSTOMERS.EMAIL IS 'Primary contact address, lower-cased';
COMMENT ON COLUMN SALES.CUSTOMERS.COUNTRY IS 'ISO 3166-1 alpha-2, e.g. "DE", "FR"';

CREATE TABLE IF NOT EXISTS SALES.ORDERS (
    ID           BIGINT PRIMARY KEY,
    CUSTOMER_ID  BIGINT NOT NULL,
    ORDERED_AT   TIMESTAMP NOT NULL,
    TOTAL        DECIMAL(12, 2),
    STATUS       VARCHAR(20)
);
COMMENT ON TABLE SALES.ORDERS IS 'One row per order.
Refunds are separate orders with a negative total, so "net revenue" = SUM(total), refunds included.';
COMMENT ON COLUMN SALES.ORDERS.STATUS IS 'One of: placed, shipped, delivered, refunded';
COMMENT ON COLUMN SALES.ORDERS.TOTAL IS 'Order total in EUR, taxes included';

CREATE OR REPLACE VIEW SALES.REVENUE_BY_COUNTRY AS
    SELECT c.COUNTRY, SUM(o.TOTAL) AS REVENUE
    FROM SALES.ORDERS o JOIN SALES.CUSTOMERS c ON c.ID = o.CUSTOMER_ID
    GROUP BY c.COUNTRY;
COMMENT ON TABLE SALES.REVENUE_BY_COUNTRY IS 'Revenue per country, refunds netted out';

CREATE TABLE IF NOT EXISTS MARKETING.CAMPAIGNS (
    ID        INTEGER PRIMARY KEY,
    TITLE     VARCHAR(200),
    BUDGET    DECIMAL(10, 2),
    STARTS_ON DATE
);
COMMENT ON TABLE MARKETING.CAMPAIGNS IS 'Campagnes publicitaires (€, budget annuel)';
COMMENT ON COLUMN MARKETING.CAMPAIGNS.TITLE IS 'Title, as shown to customers: "Summer, 50% off"';
