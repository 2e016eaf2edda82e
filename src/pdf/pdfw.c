/* pdfw.c - placeholder while it is written (branch direct-pdf). */
#include "pdfw.h"
