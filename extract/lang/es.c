/* es.c: Spanish */
#include "extract/lang.h"

static const struct label_def labels[] = {
        /* invoice and receipt numbers, and the titles that carry them */
        { LK_INVNO, 95, "no de factura" }, { LK_INVNO, 95, "factura no" },
        { LK_INVNO, 70, "factura" },
        { LK_INVNO, 70, "factura rectificativa" }, { LK_INVNO, 70, "nota de credito" },
        /* a shop's receipt: "Ticket nº", "Factura simplificada nº" */
        { LK_INVNO, 60, "ticket" }, { LK_INVNO, 85, "ticket no" }, { LK_INVNO, 85, "no de ticket" },
        { LK_INVNO, 75, "factura simplificada" }, { LK_INVNO, 95, "factura simplificada no" },
        { LK_INVNO, 60, "recibo" }, { LK_INVNO, 85, "recibo no" },
        /* invoice dates (other dates weaker) */
        { LK_DATE, 95, "fecha de factura" }, { LK_DATE, 95, "fecha de emision" },
        { LK_DATE, 70, "fecha" }, { LK_DATE, 85, "factura del" },
        { LK_DATE, 40, "fecha de entrega" }, { LK_DATE, 40, "fecha de pedido" },
        { LK_DATE, 40, "fecha de envio" },
        /* due dates */
        { LK_DUE, 90, "vencimiento" }, { LK_DUE, 90, "fecha de vencimiento" },
        /* totals */
        { LK_TOTAL, 92, "importe total" }, { LK_TOTAL, 92, "total a pagar" },
        { LK_TOTAL, 85, "total factura" },
        /* subtotals (before tax) */
        { LK_SUBTOTAL, 90, "base imponible" }, { LK_SUBTOTAL, 88, "importe neto" },
        { LK_SUBTOTAL, 88, "suma sin iva" }, { LK_SUBTOTAL, 88, "total sin iva" },
        /* tax */
        { LK_TAX, 85, "iva" },
        /* purchase orders */
        { LK_PO, 80, "su referencia" }, { LK_PO, 80, "pedido" }, { LK_PO, 85, "no de pedido" },
        { LK_PO, 85, "orden de compra" }, { LK_PO, 90, "su pedido" },
        { LK_PO, 90, "su pedido no" }, { LK_PO, 85, "pedido no" },
        { LK_PO, 88, "pedido de compra" }, { LK_PO, 85, "referencia pedido" },
        { LK_PO, 85, "ref pedido" }, { LK_PO, 90, "orden de compra no" },
        { LK_PO, 85, "referencia de pedido" },
        /* the customer's block */
        { LK_CUSTOMER, 85, "cliente" }, { LK_CUSTOMER, 85, "facturar a" },
        { LK_CUSTOMER, 85, "factura a" }, { LK_CUSTOMER, 85, "facturado a" },
        { LK_CUSTOMER, 85, "enviar a" },
        /* the seller */
        { LK_SELLER, 85, "proveedor" }, { LK_SELLER, 85, "emisor" },
        /* the payee of a transfer */
        { LK_PAYEE, 80, "titular" },
        /* payment terms */
        { LK_TERMS, 85, "condiciones de pago" }, { LK_TERMS, 85, "plazo de pago" },
        /* currency */
        { LK_CURRENCY, 90, "moneda" },
        /* a table's sum carried between pages */
        { LK_CARRIED, 90, "reporte" }, { LK_CARRIED, 95, "suma y sigue" },
        { LK_CARRIED, 95, "suma anterior" },
        /* amounts that are no total: a till's cash and change, a card, what was paid before */
        { LK_NOTTOTAL, 85, "efectivo", .till = TILL_TENDER },
        { LK_NOTTOTAL, 85, "entregado", .till = TILL_TENDER },
        { LK_NOTTOTAL, 85, "cambio", .till = TILL_CHANGE },
        { LK_NOTTOTAL, 85, "su cambio", .till = TILL_CHANGE },
        { LK_NOTTOTAL, 85, "redondeo", .till = TILL_ROUNDING }, { LK_NOTTOTAL, 80, "tarjeta" },
        { LK_NOTTOTAL, 85, "anticipo" },
        { LK_NOTTOTAL, 85, "a cuenta" }, { LK_NOTTOTAL, 85, "ya pagado" },
};

static const struct header_def headers[] = {
        { "descripcion", COL_DESC }, { "concepto", COL_DESC }, { "cantidad", COL_QTY },
        { "cant", COL_QTY }, { "precio", COL_UNIT }, { "importe", COL_AMOUNT },
        { "iva", COL_OTHER },
};

static const char *const legal_after[] = {
        "sl", "sa", "slu", "sau", "scoop", NULL,
};
static const char *const legal_before[] = {
        NULL,
};
static const char *const days[] = {
        "dias", NULL,
};
static const char *const terms[] = {
        "pago", "neto", "netos", NULL,
};

const struct lang_vocab lang_es =
        LANG_VOCAB("es", labels, headers, legal_after, legal_before, days, terms);
