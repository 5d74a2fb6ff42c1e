-- AlterTable
ALTER TABLE "User" ADD COLUMN     "unitSystem" TEXT;
