-- Custom SQL migration file, put your code below! --
-- Every payment updates its case's paid columns, last payment date and version, none of them indexed;
-- a bank import books tens of thousands at once. With room left on each page the new row version stays
-- on the same page (a HOT update): none of the case's eight indexes is rewritten. Pages written from
-- now on keep 15% free (existing pages fill up as they are rewritten).
ALTER TABLE "cases" SET (fillfactor = 85);
