using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tellerrand.Web.Data.Migrations.Postgres
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
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VideoKey",
                table: "Events",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VideoProvider",
                table: "Events",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Jitsi");

            migrationBuilder.CreateTable(
                name: "LiveEvents",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    State = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
