#include "tests/tap.h"
int main(void) { TAP_SKIP_ALL("not yet written"); }
