#include <sodium.h>

#include <iostream>

#include "app/cli.h"

int main(int argc, char** argv) {
    if (sodium_init() < 0) {
        std::cerr << "error: libsodium failed to initialise\n";
        return 1;
    }
    return guichet::app::run_cli(argc, argv);
}
