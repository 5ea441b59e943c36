#!/bin/sh
# Installs what is missing, builds billflow, then runs the main job on the
# embedded default store: makes sample invoices, imports master data,
# processes them, and shows the ledger and the exception queue.
set -eu
cd "$(dirname "$0")/.."
sh scripts/install-deps.sh
[ -d build ] || meson setup build
meson compile -C build
BF="$PWD/build/cli/billflow"
GEN="$PWD/build/tests/gen/gen-invoice"
DEMO="$PWD/build/demo"
rm -rf "$DEMO" && mkdir -p "$DEMO/in"
export BILLFLOW_HOME="$DEMO/home"

cat > "$DEMO/vendors.csv" <<'CSV'
vendor_id,name,aliases,currency,payment_terms_days,default_account
V100,ACME Industrial Supplies Ltd,ACME,GBP,30,Expenses:Supplies
V200,Borealis Bürobedarf GmbH,Borealis,EUR,14,Expenses:Office
CSV
cat > "$DEMO/pos.csv" <<'CSV'
po_number,vendor_id,line_no,description,quantity,unit_price,currency
PO-7781,V100,1,Steel bolts M8,200,0.45,GBP
PO-7781,V100,2,Hex nuts M8,400,0.15,GBP
PO-7782,V100,1,Welding rods,50,2.40,GBP
PO-4410,V200,1,Druckerpapier A4,40,4.20,EUR
PO-7783,V100,1,Safety gloves,20,4.75,GBP
CSV
cat > "$DEMO/receipts.csv" <<'CSV'
receipt_id,po_number,line_no,quantity_received,received_date
GR-1,PO-7781,1,200,2026-11-01
GR-2,PO-7781,2,400,2026-11-01
GR-3,PO-7782,1,50,2026-11-02
GR-4,PO-4410,1,40,2026-11-02
GR-5,PO-7783,1,20,2026-11-02
CSV
# A clean PDF, a clean scan, a German invoice and one billed above the PO price.
cat > "$DEMO/clean.json" <<'JSON'
{"vendor": "ACME Industrial Supplies Ltd", "invoice_number": "INV-20931", "invoice_date": "2026-11-03",
 "currency": "GBP", "po_number": "PO-7781", "terms": "Net 30",
 "lines": [{"description": "Steel bolts M8", "quantity": "200", "unit_price": "0.45", "amount": "90.00"},
           {"description": "Hex nuts M8", "quantity": "400", "unit_price": "0.15", "amount": "60.00"}],
 "subtotal": "150.00", "tax": "30.00", "tax_label": "VAT 20%", "total": "180.00"}
JSON
cat > "$DEMO/scan.json" <<'JSON'
{"vendor": "ACME Industrial Supplies Ltd", "invoice_number": "INV-20932", "invoice_date": "2026-11-04",
 "currency": "GBP", "po_number": "PO-7782",
 "lines": [{"description": "Welding rods", "quantity": "50", "unit_price": "2.40", "amount": "120.00"}],
 "subtotal": "120.00", "tax": "24.00", "tax_label": "VAT 20%", "total": "144.00"}
JSON
cat > "$DEMO/german.json" <<'JSON'
{"vendor": "Borealis Bürobedarf GmbH", "invoice_number": "RE-2026-0815", "invoice_date": "2026-11-05",
 "currency": "EUR", "po_number": "PO-4410", "language": "de", "number_format": "de", "date_format": "dmy_dot",
 "lines": [{"description": "Druckerpapier A4", "quantity": "40", "unit_price": "4.20", "amount": "168.00"}],
 "subtotal": "168.00", "tax": "31.92", "tax_label": "MwSt. 19%", "total": "199.92"}
JSON
cat > "$DEMO/price.json" <<'JSON'
{"vendor": "ACME Industrial Supplies Ltd", "invoice_number": "INV-20940", "invoice_date": "2026-11-06",
 "currency": "GBP", "po_number": "PO-7783",
 "lines": [{"description": "Safety gloves", "quantity": "20", "unit_price": "5.25", "amount": "105.00"}],
 "subtotal": "105.00", "tax": "21.00", "tax_label": "VAT 20%", "total": "126.00"}
JSON
"$GEN" --spec "$DEMO/clean.json" --pdf "$DEMO/in/1-acme-INV-20931.pdf" >/dev/null
"$GEN" --spec "$DEMO/scan.json" --png "$DEMO/in/2-acme-scan-INV-20932.png" --scan-quality good --seed 3 >/dev/null
"$GEN" --spec "$DEMO/german.json" --pdf "$DEMO/in/3-borealis-RE-2026-0815.pdf" >/dev/null
"$GEN" --spec "$DEMO/price.json" --pdf "$DEMO/in/4-acme-INV-20940.pdf" >/dev/null

"$BF" init
"$BF" import vendors "$DEMO/vendors.csv"
"$BF" import pos "$DEMO/pos.csv"
"$BF" import receipts "$DEMO/receipts.csv"
echo; echo "== process"
"$BF" process "$DEMO"/in/*
echo; echo "== ledger"
"$BF" ledger
echo; echo "== exception queue"
"$BF" queue
echo; echo "== status"
"$BF" status
echo; echo "demo home: $BILLFLOW_HOME (try: BILLFLOW_HOME=$BILLFLOW_HOME $BF --help)"
