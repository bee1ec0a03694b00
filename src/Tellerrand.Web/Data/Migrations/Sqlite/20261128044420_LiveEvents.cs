using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tellerrand.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LiveEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PlenaryVideoLink",
                table: "Events",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VideoKey",
                table: "Events",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VideoProvider",
                table: "Events",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Jitsi");

            migrationBuilder.CreateTable(
                name: "LiveEvents",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LiveEvents", x => x.EventId);
                    table.ForeignKey(
                        name: "FK_LiveEvents_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LiveEvents");

            migrationBuilder.DropColumn(
                name: "PlenaryVideoLink",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "VideoKey",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "VideoProvider",
                table: "Events");
        }
    }
}
