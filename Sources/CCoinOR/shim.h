// COIN-OR CBC (mixed-integer programs) and CLP (linear programs) through their C interfaces.
// Debian: coinor-libcbc-dev, coinor-libclp-dev; headers in /usr/include/coin (pkg-config cbc).
#include <coin/Cbc_C_Interface.h>
#include <coin/Clp_C_Interface.h>
