/* bg.c: Bulgarian (Cyrillic, folded: й as и): фактура, касова бележка, ДДС, ЕООД */
#include "extract/lang.h"

static const struct label_def labels[] = {
        /* invoice and receipt numbers, and the titles that carry them */
        { LK_INVNO, 75, "фактура" }, { LK_INVNO, 95, "фактура no" },
        { LK_INVNO, 95, "no на фактура" },
        { LK_INVNO, 60, "касова бележка" }, { LK_INVNO, 85, "бележка no" },
        { LK_INVNO, 70, "кредитно известие" },
        { LK_INVNO, 70, "дебитно известие" },
        { LK_INVNO, 85, "документ no" },
        /* a shop's receipt: "Бон №", "Фискален бон" */
        { LK_INVNO, 85, "бон no" }, { LK_INVNO, 60, "фискален бон" },
        { LK_INVNO, 60, "касов бон" },
        /* invoice dates (other dates weaker) */
        { LK_DATE, 70, "дата" }, { LK_DATE, 95, "дата на издаване" },
        { LK_DATE, 95, "дата на фактура" },
        { LK_DATE, 85, "дата на документа" },
        { LK_DATE, 40, "дата на данъчно събитие" },
        { LK_DATE, 40, "дата на доставка" },
        /* due dates */
        { LK_DUE, 90, "падеж" }, { LK_DUE, 90, "срок за плащане" },
        { LK_DUE, 95, "дата на падеж" },
        { LK_DUE, 90, "краен срок за плащане" },
        { LK_DUE, 90, "платима до" }, { LK_DUE, 90, "срок на плащане" },
        /* totals */
        { LK_TOTAL, 75, "общо" }, { LK_TOTAL, 90, "обща сума" },
        { LK_TOTAL, 93, "сума за плащане" }, { LK_TOTAL, 93, "общо за плащане" },
        { LK_TOTAL, 80, "всичко" }, { LK_TOTAL, 88, "обща стоиност" },
        { LK_TOTAL, 90, "общо с ддс" }, { LK_TOTAL, 92, "всичко за плащане" },
        /* subtotals (before tax) */
        { LK_SUBTOTAL, 90, "данъчна основа" }, { LK_SUBTOTAL, 88, "сума без ддс" },
        { LK_SUBTOTAL, 88, "стоиност без ддс" },
        { LK_SUBTOTAL, 90, "междинна сума" },
        { LK_SUBTOTAL, 85, "нето" }, { LK_SUBTOTAL, 88, "общо без ддс" },
        /* tax */
        { LK_TAX, 85, "ддс" }, { LK_TAX, 88, "размер на ддс" },
        { LK_TAX, 88, "начислен ддс" },
        { LK_TAX, 88, "сума на ддс" }, { LK_TAX, 88, "ддс 20" },
        /* purchase orders */
        { LK_PO, 95, "поръчка no" }, { LK_PO, 95, "no на поръчка" },
        { LK_PO, 80, "поръчка" },
        { LK_PO, 75, "заявка" },
        /* the customer's block */
        { LK_CUSTOMER, 85, "получател" }, { LK_CUSTOMER, 85, "купувач" },
        { LK_CUSTOMER, 85, "клиент" },
        /* the seller */
        { LK_SELLER, 85, "доставчик" }, { LK_SELLER, 85, "продавач" },
        { LK_SELLER, 80, "изпълнител" },
        /* payment terms */
        { LK_TERMS, 85, "условия на плащане" },
        { LK_TERMS, 80, "начин на плащане" },
        /* currency */
        { LK_CURRENCY, 90, "валута" },
        /* amounts that are no total */
        { LK_NOTTOTAL, 85, "в брои", .till = TILL_TENDER },
        { LK_NOTTOTAL, 85, "ресто", .till = TILL_CHANGE },
        { LK_NOTTOTAL, 80, "количество" }, { LK_NOTTOTAL, 80, "отстъпка" },
        { LK_NOTTOTAL, 80, "платено" },
        /* words that only look like labels: VAT and company ids, rates, accounts */
        { LK_IGNORE, 99, "ддс no" }, { LK_IGNORE, 99, "ид no по ддс" },
        { LK_IGNORE, 99, "идентификационен no по ддс" }, { LK_IGNORE, 99, "еик" },
        { LK_IGNORE, 99, "булстат" }, { LK_IGNORE, 99, "iban" }, { LK_IGNORE, 99, "сметка" },
        { LK_IGNORE, 99, "ставка на ддс" }, { LK_IGNORE, 99, "ин по ддс" },
};

static const struct header_def headers[] = {
        { "наименование", COL_DESC }, { "описание", COL_DESC }, { "стока", COL_DESC },
        { "артикул", COL_DESC }, { "услуга", COL_DESC }, { "количество", COL_QTY },
        { "кол", COL_QTY }, { "к-во", COL_QTY }, { "цена", COL_UNIT }, { "стоиност", COL_AMOUNT },
        { "сума", COL_AMOUNT }, { "мярка", COL_OTHER }, { "ддс", COL_OTHER },
        { "отстъпка", COL_OTHER },
};

static const char *const legal_after[] = {
        "оод", "еоод", "ад", "еад", "ет", "сд", "кд", "кда", NULL,
};
static const char *const legal_before[] = {
        "ет", NULL,
};
static const char *const days[] = {
        "дни", "дена", NULL,
};
static const char *const terms[] = {
        "плащане", "срок", "до", NULL,
};

const struct lang_vocab lang_bg =
        LANG_VOCAB("bg", labels, headers, legal_after, legal_before, days, terms);
