/* journal.c: journal entries and their postings. */
#include <stdlib.h>
#include <string.h>

#include "models/models.h"

void entry_init(bf_journal_entry *e)
{
        memset(e, 0, sizeof(*e));
}

void entry_release(bf_journal_entry *e)
{
        if (!e)
                return;
        free(e->description);
        free(e->vendor_id);
        free(e->invoice_number);
        free(e->po_number);
        free(e->posting_key);
        for (size_t i = 0; i < e->n_postings; i++) {
                free(e->postings[i].account);
                free(e->postings[i].memo);
        }
        free(e->postings);
        entry_init(e);
}

void entry_add_posting(bf_journal_entry *e, const char *account, bf_money amount,
                       const char *memo)
{
        bf_posting *p;

        e->postings = bf_xrealloc(e->postings, (e->n_postings + 1) * sizeof(*e->postings));
        p = &e->postings[e->n_postings++];
        p->account = bf_xstrdup(account);
        p->amount = amount;
        p->memo = bf_xstrdup(memo);
}

bool entry_is_balanced(const bf_journal_entry *e)
{
        if (e->n_postings < 2)
                return false;
        /* Sum per currency; entries rarely hold more than one. */
        for (size_t i = 0; i < e->n_postings; i++) {
                int64_t sum = 0;
                bool seen = false;

                if (!e->postings[i].account || !e->postings[i].account[0])
                        return false;
                for (size_t j = 0; j < i && !seen; j++)
                        seen = strcmp(e->postings[j].amount.currency,
                                      e->postings[i].amount.currency) == 0;
                if (seen)
                        continue;
                for (size_t j = i; j < e->n_postings; j++) {
                        if (strcmp(e->postings[j].amount.currency,
                                   e->postings[i].amount.currency) != 0)
                                continue;
                        if (__builtin_add_overflow(sum, e->postings[j].amount.minor, &sum))
                                return false;
                }
                if (sum != 0)
                        return false;
        }
        return true;
}
