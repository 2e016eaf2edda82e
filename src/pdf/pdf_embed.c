/* pdf_embed.c - placeholder while it is written (branch direct-pdf). */
#include "pdf_embed.h"
