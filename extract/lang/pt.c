/* pt.c: Portuguese: fatura, recibo, IVA, Lda. */
#include "extract/lang.h"

static const struct label_def labels[] = {
        /* invoice and receipt numbers, and the titles that carry them */
        { LK_INVNO, 95, "fatura no" }, { LK_INVNO, 75, "fatura" },
        { LK_INVNO, 75, "fatura-recibo" }, { LK_INVNO, 95, "no da fatura" },
        { LK_INVNO, 95, "no fatura" }, { LK_INVNO, 75, "fatura simplificada" },
        { LK_INVNO, 60, "recibo" }, { LK_INVNO, 85, "recibo no" }, { LK_INVNO, 60, "talao" },
        { LK_INVNO, 70, "nota de credito" }, { LK_INVNO, 95, "fatura-recibo no" },
        /* a shop's receipt: "Talão n.º" */
        { LK_INVNO, 85, "talao no" },
        /* invoice dates (other dates weaker) */
        { LK_DATE, 95, "data da fatura" }, { LK_DATE, 95, "data de emissao" },
        { LK_DATE, 95, "data emissao" }, { LK_DATE, 85, "data do documento" },
        { LK_DATE, 40, "data de entrega" }, { LK_DATE, 90, "data fatura" },
        /* due dates */
        { LK_DUE, 95, "data de vencimento" }, { LK_DUE, 90, "vencimento" },
        { LK_DUE, 95, "data limite de pagamento" }, { LK_DUE, 90, "pagamento ate" },
        { LK_DUE, 90, "pagar ate" }, { LK_DUE, 95, "data vencimento" },
        /* totals */
        { LK_TOTAL, 90, "valor total" }, { LK_TOTAL, 92, "total geral" },
        { LK_TOTAL, 90, "montante total" }, { LK_TOTAL, 93, "valor a pagar" },
        { LK_TOTAL, 90, "total documento" }, { LK_TOTAL, 90, "total do documento" },
        { LK_TOTAL, 88, "total liquido" }, { LK_TOTAL, 93, "montante a pagar" },
        /* subtotals (before tax) */
        { LK_SUBTOTAL, 90, "base tributavel" }, { LK_SUBTOTAL, 88, "total iliquido" },
        { LK_SUBTOTAL, 88, "valor sem iva" }, { LK_SUBTOTAL, 88, "total sem iva" },
        { LK_SUBTOTAL, 85, "incidencia" }, { LK_SUBTOTAL, 85, "valor liquido" },
        { LK_SUBTOTAL, 88, "total s/ iva" },
        /* tax */
        { LK_TAX, 88, "valor iva" }, { LK_TAX, 80, "imposto" }, { LK_TAX, 88, "valor do iva" },
        /* purchase orders */
        { LK_PO, 80, "encomenda" }, { LK_PO, 90, "nota de encomenda" },
        { LK_PO, 90, "no encomenda" }, { LK_PO, 90, "ordem de compra" },
        { LK_PO, 85, "requisicao" }, { LK_PO, 80, "vossa referencia" },
        { LK_PO, 90, "no da encomenda" },
        /* "V/ Ref.", "V. Ref.": your (the buyer's) reference */
        { LK_PO, 85, "v/ ref" }, { LK_PO, 85, "v/ referencia" },
        { LK_PO, 85, "vossa ref" }, { LK_PO, 85, "v ref" },
        /* the customer's block */
        { LK_CUSTOMER, 85, "adquirente" }, { LK_CUSTOMER, 85, "destinatario" },
        /* the seller */
        { LK_SELLER, 85, "fornecedor" }, { LK_SELLER, 85, "vendedor" },
        { LK_SELLER, 85, "emitente" },
        /* payment terms */
        { LK_TERMS, 85, "condicoes de pagamento" }, { LK_TERMS, 85, "prazo de pagamento" },
        /* currency */
        { LK_CURRENCY, 90, "moeda" },
        /* amounts that are no total */
        { LK_NOTTOTAL, 85, "numerario", .till = TILL_TENDER },
        { LK_NOTTOTAL, 85, "troco", .till = TILL_CHANGE },
        { LK_NOTTOTAL, 80, "desconto" }, { LK_NOTTOTAL, 80, "multibanco" },
        { LK_NOTTOTAL, 80, "quantidade" },
        /* words that only look like labels: VAT and company ids, rates, accounts */
        { LK_IGNORE, 99, "nif" }, { LK_IGNORE, 99, "contribuinte" },
        { LK_IGNORE, 99, "no contribuinte" }, { LK_IGNORE, 99, "nipc" },
        { LK_IGNORE, 99, "atcud" }, { LK_IGNORE, 99, "taxa iva" },
        { LK_IGNORE, 99, "no de contribuinte" }, { LK_IGNORE, 99, "capital social" },
};

static const struct header_def headers[] = {
        { "descricao", COL_DESC }, { "artigo", COL_DESC }, { "designacao", COL_DESC },
        { "produto", COL_DESC }, { "quantidade", COL_QTY }, { "qtd", COL_QTY }, { "qt", COL_QTY },
        { "preco", COL_UNIT }, { "valor", COL_AMOUNT }, { "taxa", COL_OTHER },
        { "desconto", COL_OTHER }, { "unidade", COL_OTHER }, { "un", COL_OTHER },
        { "ref", COL_OTHER },
};

static const char *const legal_after[] = {
        "lda", "sa", "unipessoal", "crl", "sgps", NULL,
};
static const char *const legal_before[] = {
        NULL,
};
static const char *const days[] = {
        "dias", NULL,
};
static const char *const terms[] = {
        "pagamento", "prazo", "a", NULL,
};

const struct lang_vocab lang_pt =
        LANG_VOCAB("pt", labels, headers, legal_after, legal_before, days, terms);
